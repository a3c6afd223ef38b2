// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Test fixture: deploys and wires the whole Guild suite as the real deployment does.

import {UD60x18, exp2} from "@prb/math/src/UD60x18.sol";
import {GuildConfig} from "../../../contracts/config/GuildConfig.sol";
import {GuildGovernor} from "../../../contracts/governance/GuildGovernor.sol";
import {GuildTimelock} from "../../../contracts/governance/GuildTimelock.sol";
import {Reputation} from "../../../contracts/governance/Reputation.sol";
import {EpochSettlement} from "../../../contracts/settlement/EpochSettlement.sol";
import {GuildToken} from "../../../contracts/token/GuildToken.sol";
import {MerkleBuilder} from "./MerkleBuilder.sol";
import {TestBase} from "./TestBase.sol";
import {vm} from "./Vm.sol";

/// @notice Deploys the whole Guild suite as `guild init` does, plus helpers to build payout trees, run
/// epochs and pass governance proposals. Test contracts inherit it; `setUp` deploys a fresh suite.
abstract contract GuildFixture is TestBase {
    // ---- deployment parameters
    uint256 internal constant START = 1_700_000_000; // a realistic unix time to deploy at
    uint256 internal constant MIN_DELAY = 1 days;
    uint32 internal constant HALF_LIFE = 90 days;
    uint48 internal constant VOTING_DELAY = 1 days;
    uint32 internal constant VOTING_PERIOD = 3 days;
    uint256 internal constant PROPOSAL_THRESHOLD = 1e18;
    uint256 internal constant QUORUM_PERCENT = 4;
    uint48 internal constant EPOCH_LENGTH = 7 days;
    uint128 internal constant BUDGET = 1_000_000e18;
    uint16 internal constant CAP_BPS = 2_500;
    uint128 internal constant FLOOR = 1e18;
    uint48 internal constant CHALLENGE_WINDOW = 2 days;
    uint48 internal constant CLAIM_EXPIRY = 30 days;
    uint8 internal constant REPLICATION = 3;
    bytes32 internal constant ASSESSMENT_HASH = keccak256("rubric-v1");
    bytes32 internal constant MODEL_DIGEST = keccak256("open-weights-model-v1");
    uint256 internal constant SUPPLY = 1_000_000_000e18;
    uint256 internal constant FOUNDER_REP = 100e18;
    uint256 internal constant FOUNDER1_KEY = 0xF0017;
    uint256 internal constant FOUNDER2_KEY = 0xF0027;

    // ---- the suite
    GuildTimelock internal timelock;
    Reputation internal reputation;
    GuildGovernor internal governor;
    GuildConfig internal config;
    GuildToken internal token;

    address internal node = address(uint160(uint256(keccak256("guild.node"))));
    address internal guardian = address(uint160(uint256(keccak256("guild.guardian"))));
    address internal founder1;
    address internal founder2;
    /// @dev When `_finalize` last finalized an epoch (claim expiry runs from it).
    uint256 internal lastFinalizedAt;

    /// @notice A payout tree as the node would publish it.
    struct Tree {
        address[] accounts;
        uint256[] amounts; // cumulative
        uint256[] reps; // cumulative
        bytes32[] leaves;
        bytes32 root;
    }

    function setUp() public virtual {
        _deployGuild();
    }

    /// @dev The deployment order and wiring of the real deployment.
    function _deployGuild() internal {
        vm.warp(START);
        founder1 = vm.addr(FOUNDER1_KEY);
        founder2 = vm.addr(FOUNDER2_KEY);

        address[] memory proposers = new address[](0);
        address[] memory executors = new address[](1); // address(0): anyone may execute a ready operation
        timelock = new GuildTimelock(MIN_DELAY, proposers, executors, address(this));

        address[] memory founders = new address[](2);
        founders[0] = founder1;
        founders[1] = founder2;
        uint256[] memory amounts = new uint256[](2);
        amounts[0] = FOUNDER_REP;
        amounts[1] = FOUNDER_REP;
        reputation = new Reputation(address(timelock), HALF_LIFE, founders, amounts);

        governor = new GuildGovernor(
            reputation, timelock, VOTING_DELAY, VOTING_PERIOD, PROPOSAL_THRESHOLD, QUORUM_PERCENT
        );
        config = new GuildConfig(address(timelock), _defaultParams());
        token = new GuildToken(SUPPLY, address(timelock), config, reputation);
        reputation.initialize(address(token));

        timelock.grantRole(timelock.PROPOSER_ROLE(), address(governor));
        timelock.grantRole(timelock.CANCELLER_ROLE(), address(governor));
        timelock.renounceRole(timelock.DEFAULT_ADMIN_ROLE(), address(this));
    }

    function _defaultParams() internal view returns (GuildConfig.Params memory p) {
        p.epochLengthSeconds = EPOCH_LENGTH;
        p.budgetPerEpoch = BUDGET;
        p.capBps = CAP_BPS;
        p.floorAmount = FLOOR;
        p.challengeWindowSeconds = CHALLENGE_WINDOW;
        p.claimExpirySeconds = CLAIM_EXPIRY;
        p.replicationFactor = REPLICATION;
        p.assessmentConfigHash = ASSESSMENT_HASH;
        p.assessmentConfigUri = "ipfs://rubric-v1";
        p.approvedModels = new bytes32[](1);
        p.approvedModels[0] = MODEL_DIGEST;
        p.node = node;
        p.guardian = guardian;
    }

    // ---------------------------------------------------------------- trees

    function _tree(address[] memory accounts, uint256[] memory amounts, uint256[] memory reps)
        internal
        pure
        returns (Tree memory t)
    {
        t.accounts = accounts;
        t.amounts = amounts;
        t.reps = reps;
        t.leaves = MerkleBuilder.leaves(accounts, amounts, reps);
        t.root = MerkleBuilder.root(t.leaves);
    }

    function _proof(Tree memory t, uint256 i) internal pure returns (bytes32[] memory) {
        return MerkleBuilder.proof(t.leaves, i);
    }

    /// @dev Claims leaf `i` of `t` (against whatever root is active), submitted by `caller`.
    function _claimAs(address caller, Tree memory t, uint256 i) internal {
        bytes32[] memory p = _proof(t, i);
        vm.prank(caller);
        token.claim(t.accounts[i], t.amounts[i], t.reps[i], p);
    }

    function _sum(uint256[] memory a) internal pure returns (uint256 s) {
        for (uint256 i = 0; i < a.length; ++i) {
            s += a[i];
        }
    }

    /// @dev Whether `a` is one of the suite's own addresses (or otherwise unfit as a fuzzed recipient).
    function _isSpecial(address a) internal view returns (bool) {
        return a == address(0) || a == address(token) || a == address(timelock) || a == address(reputation)
            || a == address(governor) || a == address(config) || a == address(this) || a == node || a == guardian
            || a == founder1 || a == founder2 || a == address(vm);
    }

    /// @dev `n` distinct ordinary recipients from fuzzed addresses: specials and repeats are replaced by
    /// addresses derived from the input, so no run is thrown away.
    function _recipients(address[4] memory raw, uint256 n) internal view returns (address[] memory out) {
        out = new address[](n);
        for (uint256 i = 0; i < n; ++i) {
            address a = raw[i];
            uint256 salt = 0;
            while (_isSpecial(a) || _contains(out, i, a)) {
                a = address(uint160(uint256(keccak256(abi.encode("recipient", raw[i], i, salt++)))));
            }
            out[i] = a;
        }
    }

    function _contains(address[] memory a, uint256 len, address x) private pure returns (bool) {
        for (uint256 i = 0; i < len; ++i) {
            if (a[i] == x) return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- epochs

    function _nextEpoch() internal view returns (uint256) {
        (uint256 active,,) = token.activeEpoch();
        return active + 1;
    }

    /// @dev The proposal the node makes for `epochId`, its challenge window ending as early as allowed.
    function _proposal(uint256 epochId, bytes32 root, uint256 total, uint256 repTotal)
        internal
        view
        returns (EpochSettlement.EpochProposal memory p)
    {
        p.epochId = epochId;
        p.root = root;
        p.total = total;
        p.reputationTotal = repTotal;
        p.challengeEndsAt = _earliestEnd();
        p.reportHash = keccak256(abi.encode("report", epochId));
        p.configHash = config.configHash();
        p.reportUri = "ipfs://report";
    }

    /// @dev The earliest challenge end a proposal made now may choose.
    function _earliestEnd() internal view returns (uint256) {
        return block.timestamp + config.challengeWindowSeconds();
    }

    /// @dev The node proposes with the earliest allowed challenge end.
    function _propose(uint256 epochId, bytes32 root, uint256 total, uint256 repTotal) internal {
        _proposeAt(epochId, root, total, repTotal, _earliestEnd());
    }

    /// @dev The node proposes with the challenge end (and so the reference time) `endsAt`.
    function _proposeAt(uint256 epochId, bytes32 root, uint256 total, uint256 repTotal, uint256 endsAt) internal {
        EpochSettlement.EpochProposal memory p = _proposal(epochId, root, total, repTotal);
        p.challengeEndsAt = endsAt;
        vm.prank(node);
        token.propose(p);
    }

    /// @dev Warps to the end of the challenge window (if not already past it) and finalizes.
    function _finalize(uint256 epochId) internal {
        uint256 endsAt = token.epoch(epochId).challengeEndsAt;
        if (block.timestamp < endsAt) vm.warp(endsAt);
        token.finalize(epochId);
        lastFinalizedAt = block.timestamp;
    }

    /// @dev Proposes the next epoch with `t`'s root and finalizes it; returns its id.
    function _settle(Tree memory t, uint256 total, uint256 repTotal) internal returns (uint256 epochId) {
        epochId = _nextEpoch();
        _propose(epochId, t.root, total, repTotal);
        _finalize(epochId);
    }

    /// @dev As `_settle`, with the challenge window (and the epoch's reference time) ending at `endsAt`.
    function _settleAt(Tree memory t, uint256 total, uint256 repTotal, uint256 endsAt)
        internal
        returns (uint256 epochId)
    {
        epochId = _nextEpoch();
        _proposeAt(epochId, t.root, total, repTotal, endsAt);
        _finalize(epochId);
    }

    function _expiresAt() internal view returns (uint256 expiresAt) {
        (,, expiresAt) = token.activeEpoch();
    }

    /// @dev The active epoch's reference time: its challenge end, as of which its leaves value reputation.
    function _referenceTime() internal view returns (uint256 referenceTime) {
        (, referenceTime,) = token.activeEpoch();
    }

    // ---------------------------------------------------------------- reputation

    /// @dev `value` decayed over `elapsed` seconds at the fixture's half-life: value / 2^(elapsed / H),
    /// the reference the contract's rounding is compared against (within a tiny tolerance).
    function _decayed(uint256 value, uint256 elapsed) internal pure returns (uint256) {
        uint256 x = elapsed * 1e18 / HALF_LIFE;
        if (x >= 192e18) return 0;
        return value * 1e18 / exp2(UD60x18.wrap(x)).unwrap();
    }

    /// @dev `value` as of `from`, decayed to `to` (`to` >= `from`).
    function _decayFrom(uint256 value, uint256 from, uint256 to) internal pure returns (uint256) {
        require(to >= from, "decay: backwards");
        return _decayed(value, to - from);
    }

    /// @dev Exactly what Reputation computes for `value` recorded at `from` and read at `to`, while the
    /// half-life is the initial one: value / 2^(S(to) - S(from)), S(t) = (t - deployment) / H in 1e18 fixed
    /// point, each rounded down. For tests that must predict a mint to the base unit.
    function _decayExact(uint256 value, uint256 from, uint256 to) internal pure returns (uint256) {
        if (value == 0 || to <= from) return value;
        uint256 x = (to - START) * 1e18 / HALF_LIFE - (from - START) * 1e18 / HALF_LIFE;
        if (x > 192e18 - 1) return 0;
        return value * 1e18 / exp2(UD60x18.wrap(x)).unwrap();
    }

    /// @dev What Reputation.mintClaimed owes for a leaf worth `target` now when `already` was claimed:
    /// the difference, or nothing when it is within the contract's rounding dust (1e-15 of the leaf + 16).
    function _owedBeyondDust(uint256 target, uint256 already) internal pure returns (uint256) {
        return target > already + target / 1e15 + 16 ? target - already : 0;
    }

    /// @dev The tolerance between two decayed values that should be equal but were rounded along different
    /// paths: fixed-point exp2 composes to about 1e-18 relative; 1e-15 relative plus a few units.
    function _rounding(uint256 value) internal pure returns (uint256) {
        return value / 1e15 + 10;
    }

    // ---------------------------------------------------------------- governance

    /// @dev Takes a proposal through the governor: founder1 proposes, both founders vote for it, it is
    /// queued in the timelock, and time moves to when it can be executed. Returns the proposal id.
    function _passAndQueue(address[] memory targets, uint256[] memory values, bytes[] memory calldatas, string memory d)
        internal
        returns (uint256 id)
    {
        vm.warp(block.timestamp + 1); // proposal threshold is read at clock() - 1
        vm.prank(founder1);
        id = governor.propose(targets, values, calldatas, d);
        vm.warp(governor.proposalSnapshot(id) + 1);
        vm.prank(founder1);
        governor.castVote(id, 1);
        vm.prank(founder2);
        governor.castVote(id, 1);
        vm.warp(governor.proposalDeadline(id) + 1);
        governor.queue(targets, values, calldatas, keccak256(bytes(d)));
        vm.warp(governor.proposalEta(id));
    }

    function _single(address target, bytes memory data)
        internal
        pure
        returns (address[] memory targets, uint256[] memory values, bytes[] memory calldatas)
    {
        targets = new address[](1);
        targets[0] = target;
        values = new uint256[](1);
        calldatas = new bytes[](1);
        calldatas[0] = data;
    }

    /// @dev Runs one call through the whole governance process and executes it.
    function _govern(address target, bytes memory data, string memory d) internal {
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _single(target, data);
        _passAndQueue(t, v, c, d);
        governor.execute(t, v, c, keccak256(bytes(d)));
    }
}
