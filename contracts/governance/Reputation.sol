// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {UD60x18, exp2} from "@prb/math/src/UD60x18.sol";

/// @title Reputation
/// @notice Voting power earned only through work. It is minted by finalized epochs (when a contributor
/// claims the leaf that carries it) and once, at deployment, to the founding members. It cannot be
/// transferred, and it decays with a governed half-life so that power follows recent work.
///
/// @dev Decay design. Every balance, every vote tally and the total supply decay at the same rate, so a
/// value `v` recorded at time `t0` is worth `v * 2^-(S(t1) - S(t0))` at `t1`, where `S(t)` counts the
/// half-lives elapsed since deployment (a piecewise-linear function of time, one piece per half-life
/// setting). Nothing is ever rewritten for decay: each balance and each checkpoint stores the value at
/// the moment it was written, and reads decay it to the time asked. Writes therefore cost what an
/// ERC20Votes mint costs (one account slot and one checkpoint slot, about 1,500 gas more for the
/// fixed-point `exp2`), and reads cost one `exp2`; past reads also binary-search the checkpoints.
/// Decayed values are rounded down; separately decayed values drift apart by about 1e-18 of their size.
///
/// Epochs issue reputation valued at their reference time (the end of their challenge window, fixed at
/// proposal). The total supply counts it from then, claimed or not, so the quorum is a share of all
/// recently earned power; unclaimed reputation has no votes until claimed. Each claim leaf carries the
/// account's reputation from every epoch so far, each part decayed from its own epoch's reference time,
/// and what the account already claimed is kept decaying too, so a claim mints exactly the unclaimed
/// reputation decayed from when it was earned: waiting to claim keeps no power fresh.
///
/// Votes are delegated as in ERC20Votes, except that an account votes with its own reputation until it
/// delegates elsewhere, so contributors need no extra transaction to take part.
contract Reputation is IERC5805, EIP712, Nonces {
    /// @notice transfer, transferFrom and approve always revert: reputation is earned, not traded.
    error ReputationNonTransferable();
    /// @notice The caller may not do this.
    error ReputationUnauthorized(address caller);
    /// @notice `initialize` already ran.
    error ReputationAlreadyInitialized();
    /// @notice Founders and amounts have different lengths.
    error ReputationLengthMismatch(uint256 founders, uint256 amounts);
    /// @notice A half-life outside [1 hour, 100 years].
    error ReputationInvalidHalfLife(uint256 halfLifeSeconds);
    /// @notice A claim asked for more reputation than finalized epochs have issued and not yet minted.
    error ReputationExceedsIssued(uint256 requested, uint256 available);
    /// @notice Delegation to the zero address; delegate to yourself to take your votes back.
    error ReputationZeroDelegate();
    /// @notice `initialize` needs the settlement's address.
    error ReputationZeroAddress();
    /// @notice A lookup of a timepoint that is not yet in the past.
    error ERC5805FutureLookup(uint256 timepoint, uint48 clock);

    /// @notice Emitted when the governed half-life changes.
    event HalfLifeChanged(uint256 oldHalfLifeSeconds, uint256 newHalfLifeSeconds);
    /// @notice Emitted when the settlement contract is wired in, once.
    event Initialized(address settlement);
    /// @notice Emitted when a finalized epoch issues reputation for its recipients to claim.
    event ReputationIssued(uint256 amount);
    /// @notice Emitted when issued reputation that was never claimed is withdrawn with a sweep.
    event ReputationExpired(uint256 amount);
    /// @notice ERC20-style mint log, so wallets and indexers show reputation arriving.
    event Transfer(address indexed from, address indexed to, uint256 value);

    struct Account {
        uint96 balance; // value at balanceTime
        uint40 balanceTime;
        uint96 claimed; // reputation claimed through epoch leaves, valued at balanceTime (it decays too)
        uint16 checkpoints; // number of vote checkpoints
        bool delegated; // votes go to _delegatee[account] rather than to the account itself
    }

    struct Checkpoint {
        uint40 time;
        uint216 value; // value at `time`
    }

    /// @dev The half-life segment in force, and the issued-but-unclaimed pool, in one slot.
    struct Current {
        uint40 start;
        uint32 halfLifeSeconds;
        uint56 elapsedAtStartNano; // S(start), in half-lives scaled by 1e9 (rounded up, so S never goes back)
        uint88 pool; // reputation issued by finalized epochs and not yet claimed, valued at poolTime
        uint40 poolTime;
    }

    struct Segment {
        uint40 start;
        uint32 halfLifeSeconds;
        uint56 elapsedAtStartNano;
    }

    bytes32 private constant DELEGATION_TYPEHASH =
        keccak256("Delegation(address delegatee,uint256 nonce,uint256 expiry)");
    uint256 private constant WAD = 1e18;
    uint256 private constant MAX_EXP2_INPUT = 192e18 - 1;
    uint256 private constant MIN_HALF_LIFE = 1 hours;
    uint256 private constant MAX_HALF_LIFE = 100 * 365 days;
    uint256 private constant NO_HINT = type(uint256).max;
    /// @dev Rounding allowance, in base units (1e-9 reputation): a claim may exceed the pool by this much
    /// and is then capped.
    uint256 private constant ROUNDING = 1e9;

    string public constant name = "Guild Reputation";
    string public constant symbol = "gREP";
    uint8 public constant decimals = 18;

    /// @notice The timelock: the only account that may change the half-life.
    address public immutable governance;
    /// @notice The settlement that mints claimed reputation; set once by `initialize`.
    address public settlement;
    address private _initializer;

    Current private _current;
    Segment[] private _pastSegments;
    mapping(address account => Account) private _accounts;
    mapping(address account => address) private _delegatee; // read only when Account.delegated
    mapping(address account => mapping(uint256 index => Checkpoint)) private _votes;
    mapping(uint256 index => Checkpoint) private _supply;
    uint256 private _supplyCount;

    /// @param governance_ the timelock
    /// @param halfLifeSeconds the initial half-life of every balance
    /// @param founders the founding members, each minted `amounts[i]` now
    constructor(address governance_, uint32 halfLifeSeconds, address[] memory founders, uint256[] memory amounts)
        EIP712(name, "1")
    {
        if (founders.length != amounts.length) revert ReputationLengthMismatch(founders.length, amounts.length);
        _checkHalfLife(halfLifeSeconds);
        governance = governance_;
        _initializer = msg.sender;
        _current = Current(SafeCast.toUint40(block.timestamp), halfLifeSeconds, 0, 0, 0);
        uint256 total;
        for (uint256 i = 0; i < founders.length; ++i) {
            _mint(founders[i], amounts[i]);
            total += amounts[i];
        }
        if (total > 0) _writeSupply(SafeCast.toInt256(total));
    }

    /// @notice Wires in the settlement contract, the only minter. Runs once, by the deployer.
    function initialize(address settlement_) external {
        if (settlement != address(0)) revert ReputationAlreadyInitialized();
        if (msg.sender != _initializer) revert ReputationUnauthorized(msg.sender);
        if (settlement_ == address(0)) revert ReputationZeroAddress();
        settlement = settlement_;
        delete _initializer;
        emit Initialized(settlement_);
    }

    // ---------------------------------------------------------------- settlement hooks

    /// @notice Adds a finalized epoch's reputation to the supply and to the pool its recipients claim from.
    /// @param amount the reputation the epoch's work earned, valued at `asOf`
    /// @param asOf the epoch's reference time (its challenge window's end)
    function issue(uint256 amount, uint256 asOf) external {
        _onlySettlement();
        uint256 worth = _decay(amount, asOf, block.timestamp);
        Current memory c = _current;
        c.pool = SafeCast.toUint88(_decay(c.pool, c.poolTime, block.timestamp) + worth);
        c.poolTime = uint40(block.timestamp);
        _current = c;
        _writeSupply(SafeCast.toInt256(worth));
        emit ReputationIssued(worth);
    }

    /// @notice Mints what a claimed leaf carries beyond what the account already claimed.
    /// @dev `claimed` is kept as a decaying value, like the balance: the leaf's value decayed to now,
    /// minus the claimed value decayed to now, is exactly the unclaimed reputation decayed from the epochs
    /// it was earned in, however many epochs the account skipped.
    /// @param value the leaf's cumulative reputation for `account`: each epoch's part decayed from that
    /// epoch's reference time to `asOf`
    /// @param asOf the reference time of the leaf's epoch
    /// @return minted the amount added to the balance now
    function mintClaimed(address account, uint256 value, uint256 asOf) external returns (uint256 minted) {
        _onlySettlement();
        Account storage a = _accounts[account];
        uint256 since = a.balanceTime;
        uint256 growth = _growth(since, block.timestamp);
        uint256 target = _decay(value, asOf, block.timestamp);
        uint256 already = _shrink(a.claimed, growth);
        // Decaying in one step or in two rounds differently (floors, and exp2's ~1e-18 relative error): a
        // leaf that only decayed since its last claim can be worth a few units more than what was claimed.
        // That dust, at most 1e-15 of the leaf plus 16 units, is not minted.
        if (target <= already + target / 1e15 + 16) return 0;
        minted = _takeFromPool(target - already);
        a.claimed = SafeCast.toUint96(target);
        _credit(account, a, minted, since, growth);
    }

    /// @notice Withdraws the issued reputation nobody claimed before the claim window closed.
    function expireUnclaimed() external {
        _onlySettlement();
        Current memory c = _current;
        uint256 amount = _decay(c.pool, c.poolTime, block.timestamp);
        c.pool = 0;
        c.poolTime = uint40(block.timestamp);
        _current = c;
        if (amount == 0) return;
        _writeSupply(-SafeCast.toInt256(amount));
        emit ReputationExpired(amount);
    }

    // ---------------------------------------------------------------- governance

    /// @notice Changes the half-life from now on; values already recorded keep the decay they had.
    function setHalfLife(uint32 halfLifeSeconds) external {
        if (msg.sender != governance) revert ReputationUnauthorized(msg.sender);
        _checkHalfLife(halfLifeSeconds);
        Current memory c = _current;
        uint256 elapsedNano = (_elapsedWad(block.timestamp) + 1e9 - 1) / 1e9;
        if (c.start != block.timestamp) {
            _pastSegments.push(Segment(c.start, c.halfLifeSeconds, c.elapsedAtStartNano));
        }
        emit HalfLifeChanged(c.halfLifeSeconds, halfLifeSeconds);
        c.start = SafeCast.toUint40(block.timestamp);
        c.halfLifeSeconds = halfLifeSeconds;
        c.elapsedAtStartNano = SafeCast.toUint56(elapsedNano);
        _current = c;
    }

    /// @notice The half-life in force, in seconds.
    function halfLife() external view returns (uint256) {
        return _current.halfLifeSeconds;
    }

    /// @notice Reputation issued by finalized epochs and not yet claimed, decayed to now.
    function unclaimedIssued() external view returns (uint256) {
        Current memory c = _current;
        return _decay(c.pool, c.poolTime, block.timestamp);
    }

    /// @notice What `account` has claimed through epoch leaves, decayed to now.
    function claimedOf(address account) external view returns (uint256) {
        Account memory a = _accounts[account];
        return _decay(a.claimed, a.balanceTime, block.timestamp);
    }

    // ---------------------------------------------------------------- ERC20-shaped reads

    /// @notice The account's reputation now, decayed.
    function balanceOf(address account) external view returns (uint256) {
        Account memory a = _accounts[account];
        return _decay(a.balance, a.balanceTime, block.timestamp);
    }

    /// @notice All reputation earned, decayed to now.
    function totalSupply() external view returns (uint256) {
        return _latest(_supply, _supplyCount, block.timestamp);
    }

    function transfer(address, uint256) external pure returns (bool) {
        revert ReputationNonTransferable();
    }

    function transferFrom(address, address, uint256) external pure returns (bool) {
        revert ReputationNonTransferable();
    }

    function approve(address, uint256) external pure returns (bool) {
        revert ReputationNonTransferable();
    }

    function allowance(address, address) external pure returns (uint256) {
        return 0;
    }

    // ---------------------------------------------------------------- IERC6372 / IERC5805

    function clock() public view returns (uint48) {
        return SafeCast.toUint48(block.timestamp);
    }

    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() external pure returns (string memory) {
        return "mode=timestamp";
    }

    function getVotes(address account) external view returns (uint256) {
        return _latest(_votes[account], _accounts[account].checkpoints, block.timestamp);
    }

    function getPastVotes(address account, uint256 timepoint) external view returns (uint256) {
        _checkPast(timepoint);
        return _at(_votes[account], _accounts[account].checkpoints, timepoint);
    }

    function getPastTotalSupply(uint256 timepoint) external view returns (uint256) {
        _checkPast(timepoint);
        return _at(_supply, _supplyCount, timepoint);
    }

    function delegates(address account) public view returns (address) {
        return _accounts[account].delegated ? _delegatee[account] : account;
    }

    function delegate(address delegatee) external {
        _delegate(msg.sender, delegatee);
    }

    function delegateBySig(address delegatee, uint256 nonce, uint256 expiry, uint8 v, bytes32 r, bytes32 s)
        external
    {
        if (block.timestamp > expiry) revert VotesExpiredSignature(expiry);
        address signer =
            ECDSA.recover(_hashTypedDataV4(keccak256(abi.encode(DELEGATION_TYPEHASH, delegatee, nonce, expiry))), v, r, s);
        _useCheckedNonce(signer, nonce);
        _delegate(signer, delegatee);
    }

    // ---------------------------------------------------------------- internals

    function _onlySettlement() private view {
        if (msg.sender != settlement) revert ReputationUnauthorized(msg.sender);
    }

    function _checkHalfLife(uint256 halfLifeSeconds) private pure {
        if (halfLifeSeconds < MIN_HALF_LIFE || halfLifeSeconds > MAX_HALF_LIFE) {
            revert ReputationInvalidHalfLife(halfLifeSeconds);
        }
    }

    function _checkPast(uint256 timepoint) private view {
        uint48 now_ = clock();
        if (timepoint >= now_) revert ERC5805FutureLookup(timepoint, now_);
    }

    /// @dev Founders' mint at deployment: balance and votes, no claim.
    function _mint(address account, uint256 amount) private {
        Account storage a = _accounts[account];
        uint256 since = a.balanceTime;
        uint256 growth = _growth(since, block.timestamp);
        a.claimed = SafeCast.toUint96(_shrink(a.claimed, growth));
        _credit(account, a, amount, since, growth);
    }

    /// @dev Adds `amount` to the balance (whose last change was at `since`, decaying by `growth` until
    /// now) and to the votes of the account's delegate. `claimed` must already be valued at now.
    function _credit(address account, Account storage a, uint256 amount, uint256 since, uint256 growth) private {
        // The balance is revalued to now even when nothing is added: `claimed` shares its time.
        a.balance = SafeCast.toUint96(_shrink(a.balance, growth) + amount);
        a.balanceTime = uint40(block.timestamp);
        if (amount == 0) return;
        emit Transfer(address(0), account, amount);
        // An account voting for itself usually last changed its balance and its votes together, so the
        // decay computed for the balance serves for the votes too.
        _moveVotes(a.delegated ? _delegatee[account] : account, SafeCast.toInt256(amount), since, growth);
    }

    /// @dev Takes `amount` from the pool of issued reputation; a few base units of rounding over it are
    /// capped, more reverts.
    function _takeFromPool(uint256 amount) private returns (uint256) {
        Current memory c = _current;
        uint256 pool = _decay(c.pool, c.poolTime, block.timestamp);
        if (amount > pool) {
            if (amount - pool > ROUNDING) revert ReputationExceedsIssued(amount, pool);
            amount = pool;
        }
        // Safe: amount <= pool.
        unchecked {
            c.pool = uint88(pool - amount);
        }
        c.poolTime = uint40(block.timestamp);
        _current = c;
        return amount;
    }

    function _delegate(address account, address to) private {
        if (to == address(0)) revert ReputationZeroDelegate();
        address from = delegates(account);
        bool delegated = to != account;
        _accounts[account].delegated = delegated;
        _delegatee[account] = delegated ? to : address(0);
        emit DelegateChanged(account, from, to);
        if (from == to) return;
        Account memory a = _accounts[account];
        uint256 amount = _decay(a.balance, a.balanceTime, block.timestamp);
        _moveVotes(from, -SafeCast.toInt256(amount), NO_HINT, 0);
        _moveVotes(to, SafeCast.toInt256(amount), NO_HINT, 0);
    }

    /// @dev Adds `add` to and removes `sub` from `delegatee`'s votes now, writing one checkpoint.
    /// `hintTime`/`hintGrowth`: a decay already computed, reused if the last checkpoint is from `hintTime`.
    function _moveVotes(address delegatee, int256 delta, uint256 hintTime, uint256 hintGrowth) private {
        Account storage a = _accounts[delegatee];
        uint256 n = a.checkpoints;
        (uint256 oldValue, uint256 newValue, bool appended) = _write(_votes[delegatee], n, delta, hintTime, hintGrowth);
        if (appended) a.checkpoints = SafeCast.toUint16(n + 1);
        emit DelegateVotesChanged(delegatee, oldValue, newValue);
    }

    function _writeSupply(int256 delta) private {
        uint256 n = _supplyCount;
        (,, bool appended) = _write(_supply, n, delta, NO_HINT, 0);
        if (appended) _supplyCount = n + 1;
    }

    /// @dev Writes the decayed latest value plus `delta` (floored at zero) as of now, in a new checkpoint
    /// unless the last one is from this same second.
    function _write(
        mapping(uint256 => Checkpoint) storage ckpts,
        uint256 n,
        int256 delta,
        uint256 hintTime,
        uint256 hintGrowth
    ) private returns (uint256 oldValue, uint256 newValue, bool appended) {
        uint256 index = n;
        appended = true;
        if (n > 0) {
            Checkpoint memory last = ckpts[n - 1];
            uint256 growth = last.time == hintTime ? hintGrowth : _growth(last.time, block.timestamp);
            oldValue = _shrink(last.value, growth);
            if (last.time == block.timestamp) (index, appended) = (n - 1, false);
        }
        if (delta >= 0) {
            newValue = oldValue + uint256(delta);
        } else {
            uint256 sub = uint256(-delta);
            newValue = oldValue > sub ? oldValue - sub : 0;
        }
        ckpts[index] = Checkpoint(uint40(block.timestamp), SafeCast.toUint216(newValue));
    }

    function _latest(mapping(uint256 => Checkpoint) storage ckpts, uint256 n, uint256 t)
        private
        view
        returns (uint256)
    {
        if (n == 0) return 0;
        Checkpoint memory last = ckpts[n - 1];
        return _decay(last.value, last.time, t);
    }

    /// @dev The value at `t`: the last checkpoint at or before `t`, decayed to `t`.
    function _at(mapping(uint256 => Checkpoint) storage ckpts, uint256 n, uint256 t) private view returns (uint256) {
        uint256 low = 0;
        uint256 high = n;
        while (low < high) {
            uint256 mid = (low + high) / 2;
            if (ckpts[mid].time > t) high = mid;
            else low = mid + 1;
        }
        if (high == 0) return 0;
        Checkpoint memory c = ckpts[high - 1];
        return _decay(c.value, c.time, t);
    }

    /// @dev `value` recorded at `from`, as worth at `to`.
    function _decay(uint256 value, uint256 from, uint256 to) private view returns (uint256) {
        if (value == 0 || to <= from) return value;
        return _shrink(value, _growth(from, to));
    }

    /// @dev 2^(S(to) - S(from)) scaled by 1e18, the factor a value shrinks by from `from` to `to`; zero
    /// stands for "beyond 192 half-lives", where every value has decayed to nothing.
    function _growth(uint256 from, uint256 to) private view returns (uint256) {
        if (to <= from) return WAD;
        uint256 x = _elapsedWad(to) - _elapsedWad(from);
        if (x > MAX_EXP2_INPUT) return 0;
        return exp2(UD60x18.wrap(x)).unwrap();
    }

    function _shrink(uint256 value, uint256 growth) private pure returns (uint256) {
        return growth == 0 ? 0 : value * WAD / growth;
    }

    /// @dev S(t): half-lives elapsed since deployment at time `t`, scaled by 1e18.
    function _elapsedWad(uint256 t) private view returns (uint256) {
        Current memory c = _current;
        if (t >= c.start) return uint256(c.elapsedAtStartNano) * 1e9 + (t - c.start) * WAD / c.halfLifeSeconds;
        uint256 i = _pastSegments.length;
        while (i > 0) {
            Segment memory s = _pastSegments[--i];
            if (t >= s.start) return uint256(s.elapsedAtStartNano) * 1e9 + (t - s.start) * WAD / s.halfLifeSeconds;
        }
        return 0;
    }
}
