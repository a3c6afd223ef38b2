// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {GuildConfig} from "../config/GuildConfig.sol";
import {Reputation} from "../governance/Reputation.sol";

/// @title EpochSettlement
/// @notice Settles each epoch's payouts on chain: the node proposes an epoch (Merkle root of payouts,
/// total, report hash, config hash, report URI); during the challenge window the timelock or the
/// governed guardian can veto it; after the window anyone finalizes it, which funds it from the
/// treasury; then recipients (or anyone on their behalf) claim with a Merkle proof.
///
/// @dev Leaves are cumulative. Epoch `e`'s tree holds one leaf per recipient,
/// `(address account, uint256 cumulativeAmount, uint256 cumulativeReputation)`: all the account
/// has earned in all finalized epochs up to `e`, encoded as the OpenZeppelin merkle-tree library's
/// StandardMerkleTree does (`keccak256(bytes.concat(keccak256(abi.encode(...))))`). A claim against the
/// latest finalized root pays the difference from what the account has already claimed, so one proof
/// claims every epoch not yet claimed, a leaf pays once, and finalizing costs the same whatever the
/// number of recipients.
///
/// Money is held in an escrow inside the token's ledger. Finalizing epoch `e` moves its total from the
/// treasury into the escrow; claims draw it down and can never draw more than it holds, so the roots up
/// to `e` together never pay more than epochs up to `e` were funded with. The latest root is claimable
/// until `claimExpirySeconds` after its finalization; once it has expired and no newer epoch is pending,
/// anyone may sweep the escrow back to the treasury, and the unclaimed reputation expires with it.
///
/// This contract is abstract: the ledger that holds balances (GuildToken) implements the hooks, so
/// that a claim writes one slot for the holder and one for the escrow, and no external call is made.
abstract contract EpochSettlement {
    enum EpochState {
        None,
        Proposed,
        Vetoed,
        Finalized
    }

    struct Epoch {
        bytes32 root;
        bytes32 reportHash;
        uint112 total; // base units of GuildToken
        uint96 reputationTotal; // new reputation the epoch issues
        uint40 challengeEndsAt; // unix seconds
        EpochState state;
    }

    /// @dev The escrowed balance and the active root's facts, in one slot read by every claim.
    struct Escrow {
        uint128 balance;
        uint32 activeEpoch;
        uint40 referenceTime; // the active epoch's challenge end: its leaves value reputation as of then
        uint40 expiresAt;
    }

    /// @notice What the node proposes for an epoch.
    struct EpochProposal {
        uint256 epochId;
        bytes32 root; // of leaves (account, cumulativeAmount, cumulativeReputation)
        uint256 total; // new base units to fund from the treasury, at most the budget per epoch
        uint256 reputationTotal; // new reputation the epoch issues, valued at challengeEndsAt
        uint256 challengeEndsAt; // chosen by the node, from now + challenge window to a week later
        bytes32 reportHash;
        bytes32 configHash; // the GuildConfig hash the epoch ran under; must be the one in force
        string reportUri;
    }

    /// @notice The caller may not do this.
    error SettlementUnauthorized(address caller);
    /// @notice Epochs are proposed in order: the next one is `expected`.
    error SettlementUnexpectedEpoch(uint256 epochId, uint256 expected);
    /// @notice The epoch is not in the state this call needs.
    error SettlementWrongState(uint256 epochId, EpochState state);
    /// @notice The proposal names a config hash other than the one in force.
    error SettlementConfigMismatch(bytes32 given, bytes32 current);
    /// @notice The epoch total is above the governed budget per epoch.
    error SettlementBudgetExceeded(uint256 total, uint256 budget);
    /// @notice The challenge window must end between `earliest` (now + the governed window) and `latest`.
    error SettlementInvalidChallengeEnd(uint256 challengeEndsAt, uint256 earliest, uint256 latest);
    /// @notice The proposal carries an empty Merkle root.
    error SettlementEmptyRoot(uint256 epochId);
    /// @notice A value does not fit the width it is stored in.
    error SettlementValueTooLarge(bytes32 name, uint256 value);
    /// @notice Vetoes are only possible before the challenge window ends.
    error SettlementChallengeWindowClosed(uint256 epochId, uint256 endedAt);
    /// @notice Finalizing is only possible once the challenge window has ended.
    error SettlementChallengeWindowOpen(uint256 epochId, uint256 endsAt);
    /// @notice No epoch has been finalized yet.
    error SettlementNoActiveEpoch();
    /// @notice The latest root's claim window has closed.
    error SettlementClaimExpired(uint256 epochId, uint256 expiredAt);
    /// @notice The proof does not lead from this leaf to the latest root.
    error SettlementInvalidProof(uint256 epochId, address account);
    /// @notice The leaf carries nothing the account has not already claimed.
    error SettlementNothingToClaim(address account);
    /// @notice The escrow holds less than the claim asks for (a root that overpays).
    error SettlementEscrowInsufficient(uint256 needed, uint256 available);
    /// @notice The latest root is still claimable.
    error SettlementNotExpired(uint256 epochId, uint256 expiresAt);
    /// @notice A proposal is waiting to be finalized or vetoed.
    error SettlementProposalPending(uint256 epochId);

    event EpochProposed(
        uint256 indexed epochId,
        bytes32 root,
        uint256 total,
        uint256 reputationTotal,
        bytes32 reportHash,
        bytes32 configHash,
        string reportUri,
        uint256 challengeEndsAt
    );
    event EpochVetoed(uint256 indexed epochId, address indexed by);
    event EpochFinalized(uint256 indexed epochId, uint256 total, uint256 reputationTotal, uint256 expiresAt);
    event Claimed(uint256 indexed epochId, address indexed account, uint256 amount, uint256 reputation);
    event Swept(uint256 indexed epochId, uint256 amount);

    /// @notice The governed parameters (node, budget, windows, config hash).
    GuildConfig public immutable config;
    /// @notice Where claimed reputation is minted.
    Reputation public immutable reputation;
    /// @notice Where epochs are funded from and sweeps return to: the timelock.
    address public immutable treasury;

    /// @notice How much later than the governed window a proposal may set its challenge end.
    uint256 public constant MAX_CHALLENGE_SLACK = 7 days;

    mapping(uint256 epochId => Epoch) private _epochs;
    Escrow internal _escrow;

    constructor(address treasury_, GuildConfig config_, Reputation reputation_) {
        treasury = treasury_;
        config = config_;
        reputation = reputation_;
    }

    // ---------------------------------------------------------------- reads

    /// @notice One epoch as proposed, vetoed or finalized.
    function epoch(uint256 epochId) external view returns (Epoch memory) {
        return _epochs[epochId];
    }

    /// @notice The latest finalized epoch (whose root claims are made against), zero before the first.
    function activeEpoch() external view returns (uint256 epochId, uint256 referenceTime, uint256 expiresAt) {
        Escrow memory s = _escrow;
        return (s.activeEpoch, s.referenceTime, s.expiresAt);
    }

    // ---------------------------------------------------------------- epoch lifecycle

    /// @notice The node proposes the next epoch. Re-proposing is allowed after a veto.
    /// @dev The node chooses when the challenge window ends (at least the governed window from now), so
    /// that it knows, while building the tree, the time its leaves value reputation at.
    function propose(EpochProposal calldata p) external {
        _checkProposal(p);
        // total <= budget <= type(uint112).max (GuildConfig); reputationTotal and the end were range-checked.
        _epochs[p.epochId] = Epoch(
            p.root,
            p.reportHash,
            uint112(p.total),
            uint96(p.reputationTotal),
            uint40(p.challengeEndsAt),
            EpochState.Proposed
        );
        emit EpochProposed(
            p.epochId, p.root, p.total, p.reputationTotal, p.reportHash, p.configHash, p.reportUri, p.challengeEndsAt
        );
    }

    /// @notice The timelock or the guardian rejects a proposed epoch inside its challenge window.
    function veto(uint256 epochId) external {
        if (msg.sender != treasury && msg.sender != config.guardian()) revert SettlementUnauthorized(msg.sender);
        Epoch storage e = _epochs[epochId];
        if (e.state != EpochState.Proposed) revert SettlementWrongState(epochId, e.state);
        if (block.timestamp >= e.challengeEndsAt) revert SettlementChallengeWindowClosed(epochId, e.challengeEndsAt);
        e.state = EpochState.Vetoed;
        emit EpochVetoed(epochId, msg.sender);
    }

    /// @notice Anyone finalizes a proposed epoch after its challenge window: its total moves from the
    /// treasury into escrow, its reputation is issued, and its root becomes the one claims use.
    function finalize(uint256 epochId) external {
        Epoch storage e = _epochs[epochId];
        if (e.state != EpochState.Proposed) revert SettlementWrongState(epochId, e.state);
        uint256 endsAt = e.challengeEndsAt;
        if (block.timestamp < endsAt) revert SettlementChallengeWindowOpen(epochId, endsAt);
        e.state = EpochState.Finalized;
        uint256 total = e.total;
        uint256 reputationTotal = e.reputationTotal;
        _fundEscrow(total);
        Escrow memory s = _escrow;
        uint256 expiresAt = block.timestamp + config.claimExpirySeconds();
        s.activeEpoch = SafeCast.toUint32(epochId);
        s.referenceTime = uint40(endsAt);
        s.expiresAt = SafeCast.toUint40(expiresAt);
        _escrow = s;
        if (reputationTotal > 0) reputation.issue(reputationTotal, endsAt);
        emit EpochFinalized(epochId, total, reputationTotal, expiresAt);
    }

    /// @notice Pays `account` what its leaf in the latest root carries beyond what it has claimed, and
    /// mints the reputation that comes with it. Anyone may submit it; funds go to `account`.
    function claim(address account, uint256 cumulativeAmount, uint256 cumulativeReputation, bytes32[] calldata proof)
        external
    {
        Escrow memory s = _escrow;
        if (s.activeEpoch == 0) revert SettlementNoActiveEpoch();
        if (block.timestamp >= s.expiresAt) revert SettlementClaimExpired(s.activeEpoch, s.expiresAt);
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(account, cumulativeAmount, cumulativeReputation))));
        if (!MerkleProof.verifyCalldata(proof, _epochs[s.activeEpoch].root, leaf)) {
            revert SettlementInvalidProof(s.activeEpoch, account);
        }
        uint256 paid = _payClaim(account, cumulativeAmount, s.balance);
        if (paid > 0) {
            // Safe: _payClaim never pays more than the escrow balance it was given.
            unchecked {
                s.balance -= uint128(paid);
            }
            _escrow = s;
        }
        uint256 minted;
        if (cumulativeReputation > 0) minted = reputation.mintClaimed(account, cumulativeReputation, s.referenceTime);
        if (paid == 0 && minted == 0) revert SettlementNothingToClaim(account);
        emit Claimed(s.activeEpoch, account, paid, minted);
    }

    /// @notice Once the latest root has expired and no epoch is pending, returns the escrow to the
    /// treasury and expires the reputation nobody claimed.
    function sweep() external {
        Escrow memory s = _escrow;
        if (s.activeEpoch == 0) revert SettlementNoActiveEpoch();
        if (block.timestamp < s.expiresAt) revert SettlementNotExpired(s.activeEpoch, s.expiresAt);
        uint256 next = uint256(s.activeEpoch) + 1;
        if (_epochs[next].state == EpochState.Proposed) revert SettlementProposalPending(next);
        uint256 amount = s.balance;
        if (amount > 0) _returnEscrow(amount);
        reputation.expireUnclaimed();
        emit Swept(s.activeEpoch, amount);
    }

    /// @dev Every check a proposal must pass.
    function _checkProposal(EpochProposal calldata p) private view {
        GuildConfig c = config;
        if (msg.sender != c.node()) revert SettlementUnauthorized(msg.sender);
        uint256 expected = uint256(_escrow.activeEpoch) + 1;
        if (p.epochId != expected) revert SettlementUnexpectedEpoch(p.epochId, expected);
        EpochState state = _epochs[p.epochId].state;
        if (state != EpochState.None && state != EpochState.Vetoed) revert SettlementWrongState(p.epochId, state);
        bytes32 current = c.configHash();
        if (p.configHash != current) revert SettlementConfigMismatch(p.configHash, current);
        uint256 budget = c.budgetPerEpoch();
        if (p.total > budget) revert SettlementBudgetExceeded(p.total, budget);
        if (p.root == bytes32(0)) revert SettlementEmptyRoot(p.epochId);
        if (p.reputationTotal > type(uint96).max) {
            revert SettlementValueTooLarge("reputationTotal", p.reputationTotal);
        }
        // Stored in 40 bits: a larger end would wrap, leaving no challenge window (and no veto) at all.
        if (p.challengeEndsAt > type(uint40).max) revert SettlementValueTooLarge("challengeEndsAt", p.challengeEndsAt);
        uint256 earliest = block.timestamp + c.challengeWindowSeconds();
        uint256 latest = earliest + MAX_CHALLENGE_SLACK;
        if (p.challengeEndsAt < earliest || p.challengeEndsAt > latest) {
            revert SettlementInvalidChallengeEnd(p.challengeEndsAt, earliest, latest);
        }
    }

    // ---------------------------------------------------------------- ledger hooks

    /// @dev Moves `amount` from the treasury into escrow.
    function _fundEscrow(uint256 amount) internal virtual;

    /// @dev Moves the whole escrow, `amount`, back to the treasury.
    function _returnEscrow(uint256 amount) internal virtual;

    /// @dev Credits `account` with `cumulative` minus what it has claimed, records `cumulative` as claimed,
    /// and returns the amount credited. Must revert if that exceeds `available`; must not touch the escrow.
    function _payClaim(address account, uint256 cumulative, uint256 available) internal virtual returns (uint256);
}
