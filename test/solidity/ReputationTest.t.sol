// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Reputation's own rules: non-transferable, decaying with the governed half-life, initialized once,
// delegable (also by signature), and with past votes fixed once the timepoint has passed.

import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Reputation} from "../../contracts/governance/Reputation.sol";
import {GuildFixture} from "./utils/GuildFixture.sol";
import {vm} from "./utils/Vm.sol";

contract ReputationTest is GuildFixture {
    address internal constant ALICE = address(0xA11CE);

    /// @dev Settles an epoch giving `account` `rep` reputation (and 1 token), and claims it at the epoch's
    /// reference time. The leaf carries what the account claimed before, decayed to that reference time
    /// (claimedOf is the value now, and the reference time is one challenge window away), plus `rep`.
    function _earn(address account, uint256 rep) internal {
        uint256 endsAt = _earliestEnd();
        uint256 claimedRep = _decayFrom(reputation.claimedOf(account), block.timestamp, endsAt);
        uint256 claimedAmount = token.claimedOf(account);
        address[] memory a = new address[](1);
        a[0] = account;
        uint256[] memory m = new uint256[](1);
        m[0] = claimedAmount + 1;
        uint256[] memory r = new uint256[](1);
        r[0] = claimedRep + rep;
        Tree memory t = _tree(a, m, r);
        _settleAt(t, 1, rep, endsAt);
        _claimAs(account, t, 0);
    }

    // ---------------------------------------------------------------- non-transferable

    function testFuzz_NonTransferable(address from, address to, uint256 amount) public {
        vm.startPrank(from);
        vm.expectRevert(Reputation.ReputationNonTransferable.selector);
        reputation.transfer(to, amount);
        vm.expectRevert(Reputation.ReputationNonTransferable.selector);
        reputation.transferFrom(founder1, to, amount);
        vm.expectRevert(Reputation.ReputationNonTransferable.selector);
        reputation.approve(to, amount);
        vm.stopPrank();
        assertEq(reputation.allowance(founder1, to), 0, "no allowances");
        assertEq(reputation.balanceOf(founder1), FOUNDER_REP, "balance unmoved");
    }

    // ---------------------------------------------------------------- decay

    /// @notice One half-life halves every balance, vote tally and the supply (within rounding); k
    /// half-lives divide them by 2^k; in between the decay follows 2^(-t/H).
    function testFuzz_DecayHalvesPerHalfLife(uint8 kRaw, uint256 extraRaw) public {
        uint256 k = _bound(kRaw, 1, 8);
        vm.warp(START + k * HALF_LIFE);
        uint256 expected = FOUNDER_REP >> k;
        uint256 tolerance = FOUNDER_REP / 1e15;
        assertApproxAbs(reputation.balanceOf(founder1), expected, tolerance, "balance / 2^k");
        assertApproxAbs(reputation.getVotes(founder1), expected, tolerance, "votes / 2^k");
        assertApproxAbs(reputation.totalSupply(), 2 * expected, tolerance, "supply / 2^k");

        uint256 extra = _bound(extraRaw, 0, HALF_LIFE - 1);
        vm.warp(block.timestamp + extra);
        uint256 b = reputation.balanceOf(founder1);
        assertApproxAbs(b, _decayed(FOUNDER_REP, k * HALF_LIFE + extra), tolerance, "2^(-t/H)");
        assertLe(b, expected, "decay never increases a balance");
        assertLe(2 * b, reputation.totalSupply() + 2, "sum of balances within supply");
    }

    function testDecayOneHalfLifeExactly() public {
        vm.warp(START + HALF_LIFE);
        assertApproxAbs(reputation.balanceOf(founder1), FOUNDER_REP / 2, 1e3, "halved");
        assertEq(reputation.getPastVotes(founder1, START), FOUNDER_REP, "the past is undecayed");
    }

    // ---------------------------------------------------------------- governance of the half-life

    function testFuzz_SetHalfLifeOnlyByGovernance(address caller, uint32 halfLifeRaw) public {
        vm.assume(caller != address(timelock));
        uint32 h = uint32(_bound(halfLifeRaw, 1 hours, 100 * 365 days));
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(Reputation.ReputationUnauthorized.selector, caller));
        reputation.setHalfLife(h);
        vm.prank(address(timelock));
        reputation.setHalfLife(h);
        assertEq(reputation.halfLife(), h, "timelock sets it");
    }

    /// @notice The half-life changed by a passed proposal applies from then on; what was recorded keeps
    /// the decay it had: after one 90-day half-life at the old rate and one 30-day half-life at the new
    /// one, a founder's reputation is a quarter.
    function testSetHalfLifeThroughAProposal() public {
        (address[] memory t, uint256[] memory v, bytes[] memory c) =
            _single(address(reputation), abi.encodeCall(reputation.setHalfLife, (30 days)));
        _passAndQueue(t, v, c, "faster decay");
        vm.warp(START + HALF_LIFE); // execute exactly one old half-life after deployment
        governor.execute(t, v, c, keccak256(bytes("faster decay")));
        assertEq(reputation.halfLife(), 30 days, "changed by governance");
        uint256 half = reputation.balanceOf(founder1);
        assertApproxAbs(half, FOUNDER_REP / 2, FOUNDER_REP / 1e15, "half at the switch");
        vm.warp(block.timestamp + 30 days);
        assertApproxAbs(reputation.balanceOf(founder1), FOUNDER_REP / 4, FOUNDER_REP / 1e15, "then half again");
        // Reading the past still uses the old rate for the old segment.
        assertApproxAbs(
            reputation.getPastVotes(founder1, START + HALF_LIFE / 2),
            _decayed(FOUNDER_REP, HALF_LIFE / 2),
            FOUNDER_REP / 1e15,
            "past segment keeps its rate"
        );
    }

    // ---------------------------------------------------------------- initialize

    function testInitializeRunsOnce() public {
        vm.expectRevert(Reputation.ReputationAlreadyInitialized.selector);
        reputation.initialize(address(this)); // not even the deployer, a second time
        assertEq(reputation.settlement(), address(token), "minter unchanged");

        Reputation fresh = new Reputation(address(timelock), HALF_LIFE, new address[](0), new uint256[](0));
        fresh.initialize(ALICE);
        assertEq(fresh.settlement(), ALICE, "wired once");
        vm.expectRevert(Reputation.ReputationAlreadyInitialized.selector);
        fresh.initialize(address(this));
    }

    // ---------------------------------------------------------------- delegation

    /// @notice Delegating moves the delegator's whole (decayed) reputation to the delegatee's votes;
    /// later mints to the delegator follow it; delegating back to oneself returns them.
    function testFuzz_DelegationMovesVotes(address to, uint256 waitRaw, uint256 repRaw) public {
        vm.assume(to != address(0) && to != founder1 && to != founder2);
        vm.warp(block.timestamp + _bound(waitRaw, 0, 2 * HALF_LIFE));
        uint256 own = reputation.balanceOf(founder1);
        vm.prank(founder1);
        reputation.delegate(to);
        assertEq(reputation.delegates(founder1), to, "delegatee recorded");
        assertEq(reputation.getVotes(founder1), 0, "delegator keeps no votes");
        assertEq(reputation.getVotes(to), own, "delegatee votes with it");
        assertEq(reputation.balanceOf(founder1), own, "balance stays with the delegator");

        uint256 rep = _bound(repRaw, 1, 1e24);
        _earn(founder1, rep); // claimed at the epoch's reference time: undecayed
        // The tally was decayed from the delegation and the balance from deployment: fixed-point exp2 does
        // not compose exactly, so they agree to ~1e-18 relative, not to the unit.
        uint256 bal = reputation.balanceOf(founder1);
        assertApproxAbs(reputation.getVotes(to), bal, bal / 1e15 + 1, "new reputation follows the delegation");

        vm.prank(founder1);
        reputation.delegate(founder1);
        assertEq(reputation.delegates(founder1), founder1, "self again");
        assertEq(reputation.getVotes(founder1), bal, "votes back");
        assertLe(reputation.getVotes(to), bal / 1e15 + 1, "delegatee emptied (but for rounding dust)");
    }

    function testAccountsVoteWithoutDelegating() public {
        _earn(ALICE, 5e18);
        assertEq(reputation.delegates(ALICE), ALICE, "self by default");
        assertEq(reputation.getVotes(ALICE), 5e18, "votes with no delegate call");
    }

    function testDelegateBySig() public {
        uint256 expiry = block.timestamp + 1 days;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(FOUNDER1_KEY, ALICE, 0, expiry);
        reputation.delegateBySig(ALICE, 0, expiry, v, r, s);
        assertEq(reputation.delegates(founder1), ALICE, "delegated by signature");
        assertEq(reputation.getVotes(ALICE), FOUNDER_REP, "votes moved");
        assertEq(reputation.nonces(founder1), 1, "nonce used");

        // Replay: the nonce is spent (inherited Nonces error).
        vm.expectRevert(abi.encodeWithSelector(Nonces.InvalidAccountNonce.selector, founder1, 1));
        reputation.delegateBySig(ALICE, 0, expiry, v, r, s);

        // Expired signature (inherited IVotes error).
        (v, r, s) = _signDelegation(FOUNDER1_KEY, founder1, 1, expiry);
        vm.warp(expiry + 1);
        vm.expectRevert(abi.encodeWithSelector(IVotes.VotesExpiredSignature.selector, expiry));
        reputation.delegateBySig(founder1, 1, expiry, v, r, s);
    }

    function _signDelegation(uint256 key, address delegatee, uint256 nonce, uint256 expiry)
        internal
        view
        returns (uint8, bytes32, bytes32)
    {
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256(bytes(reputation.name())),
                keccak256("1"),
                block.chainid,
                address(reputation)
            )
        );
        bytes32 structHash = keccak256(
            abi.encode(keccak256("Delegation(address delegatee,uint256 nonce,uint256 expiry)"), delegatee, nonce, expiry)
        );
        return vm.sign(key, keccak256(abi.encodePacked("\x19\x01", domain, structHash)));
    }

    // ---------------------------------------------------------------- the past is fixed

    /// @notice getPastVotes and getPastTotalSupply at a timepoint stay what they were once reputation is
    /// minted (or issued) after it.
    function testFuzz_PastVotesIgnoreLaterMints(uint256 gapRaw, uint256 repRaw, uint256 probeRaw) public {
        vm.warp(block.timestamp + _bound(probeRaw, 1, HALF_LIFE));
        uint256 t = block.timestamp;
        vm.warp(t + 1);
        uint256 votesAtT = reputation.getPastVotes(founder1, t);
        uint256 supplyAtT = reputation.getPastTotalSupply(t);
        assertApproxAbs(votesAtT, _decayed(FOUNDER_REP, t - START), FOUNDER_REP / 1e15, "value at t");

        vm.warp(t + _bound(gapRaw, 1, 60 days));
        _earn(founder1, _bound(repRaw, 1e6, 1e24)); // above the contract's rounding dust
        vm.warp(block.timestamp + 1);
        assertEq(reputation.getPastVotes(founder1, t), votesAtT, "past votes unchanged by a later mint");
        assertEq(reputation.getPastTotalSupply(t), supplyAtT, "past supply unchanged by a later issue");
        assertLt(_decayed(FOUNDER_REP, block.timestamp - START), reputation.getVotes(founder1), "the mint counts now");
    }

    /// @notice The governor takes votes at the proposal snapshot: reputation claimed after it counts for
    /// nothing on that proposal.
    function testReputationClaimedAfterSnapshotDoesNotVote() public {
        (address[] memory t, uint256[] memory v, bytes[] memory c) =
            _single(address(config), abi.encodeCall(config.setFloorAmount, (5e18)));
        vm.warp(block.timestamp + 1);
        vm.prank(founder1);
        uint256 id = governor.propose(t, v, c, "floor");
        vm.warp(governor.proposalSnapshot(id) + 1);
        _earn(ALICE, 1_000e18);
        assertEq(governor.getVotes(ALICE, governor.proposalSnapshot(id)), 0, "no weight at the snapshot");
        vm.prank(ALICE); // still inside the voting period (the epoch took two days)
        governor.castVote(id, 0);
        (uint256 against,,) = governor.proposalVotes(id);
        assertEq(against, 0, "vote cast with zero weight");
    }

    /// @notice The decayed sum of balances stays within the decayed supply, for reputation claimed in the
    /// epoch that issued it, up to fixed-point rounding. That rounding is relative (about 1e-18 of the
    /// value per decay step, since exp2 results carry 18 decimals and decays are composed at different
    /// checkpoints), as the contract's NatSpec states; the tolerance here is 1e-15 relative. (Late claims:
    /// MultiEpochFuzz's skipped-claims tests check the same bound.)
    function testFuzz_BalancesWithinSupply(uint256 r1, uint256 r2, uint256 wait) public {
        _earn(ALICE, _bound(r1, 1, 1e24));
        vm.warp(block.timestamp + _bound(wait, 0, 3 * HALF_LIFE));
        _earn(address(0xB0B), _bound(r2, 1, 1e24));
        vm.warp(block.timestamp + _bound(wait >> 128, 0, 3 * HALF_LIFE));
        uint256 sum = reputation.balanceOf(founder1) + reputation.balanceOf(founder2) + reputation.balanceOf(ALICE)
            + reputation.balanceOf(address(0xB0B));
        uint256 supply = reputation.totalSupply();
        assertLe(sum, supply + supply / 1e15 + 4, "balances within supply");
    }

    // ---------------------------------------------------------------- a claim that mints nothing

    /// @notice Known contract issue (see the report): when the pool is exactly empty and a claim owes
    /// only rounding dust of reputation (a leaf that has merely decayed, claimed for its new pay),
    /// `mintClaimed` mints nothing but still overwrites `claimed` with the leaf's value now, without moving
    /// `balanceTime`, the time `claimed` is valued at. `claimedOf` then reads that value decayed a second
    /// time, and the account's next claim mints the difference again, out of other recipients' pool, whose
    /// own claims (pay included) then revert ReputationExceedsIssued. This asserts the intended behaviour
    /// and is skipped until Reputation is fixed (for instance by recording `balanceTime` whenever `claimed`
    /// is written, or by not writing `claimed` when nothing is minted).
    function testClaimMintingNothingKeepsClaimedCurrent() public {
        address bob = address(0xB0B);
        address carol = address(0xCA201);
        address[] memory ab = new address[](2);
        (ab[0], ab[1]) = (ALICE, bob);
        uint256[] memory amounts = new uint256[](2);
        (amounts[0], amounts[1]) = (1e18, 1e18);
        uint256[] memory reps = new uint256[](2);
        (reps[0], reps[1]) = (1000e18, 1000e18);

        // Epoch 1: Alice and Bob earn 1000 each and both claim at once: the pool is exactly empty.
        Tree memory t = _tree(ab, amounts, reps);
        _settle(t, 2e18, 2000e18);
        uint256 t1 = _referenceTime();
        _claimAs(ALICE, t, 0);
        _claimAs(bob, t, 1);
        assertEq(reputation.unclaimedIssued(), 0, "pool exactly empty");

        // Epoch 2, a month later, pays Alice 1 more token and issues no reputation. Her leaf carries her
        // reputation decayed to its reference time; the node's decay and the contract's round differently,
        // and the end is picked where the leaf comes out a few units above her decayed claimed value.
        vm.warp(block.timestamp + 30 days);
        uint256 t2 = _earliestEnd();
        while (_decayed(1000e18, t2 - t1) <= _decayExact(1000e18, t1, t2)) ++t2;
        uint256 claimedAtT2 = _decayExact(1000e18, t1, t2);
        (amounts[0], amounts[1]) = (2e18, 1e18);
        (reps[0], reps[1]) = (_decayed(1000e18, t2 - t1), _decayed(1000e18, t2 - t1));
        t = _tree(ab, amounts, reps);
        _settleAt(t, 1e18, 0, t2);
        _claimAs(ALICE, t, 0); // pays the token; the reputation dust exceeds the empty pool and is capped
        assertEq(token.balanceOf(ALICE), 2e18, "paid");
        assertEq(reputation.balanceOf(ALICE), claimedAtT2, "nothing minted");
        assertApproxAbs(reputation.claimedOf(ALICE), claimedAtT2, _rounding(claimedAtT2), "claimed stays current");

        // Epoch 3: Carol earns 500. Alice's leaf only decays; a claim of it must mint (almost) nothing, and
        // Carol must be able to claim her 500.
        address[] memory abc = new address[](3);
        (abc[0], abc[1], abc[2]) = (ALICE, bob, carol);
        uint256 t3 = _earliestEnd();
        uint256[] memory amounts3 = new uint256[](3);
        (amounts3[0], amounts3[1], amounts3[2]) = (2e18, 1e18, 1e18);
        uint256[] memory reps3 = new uint256[](3);
        (reps3[0], reps3[1], reps3[2]) = (_decayed(1000e18, t3 - t1), _decayed(1000e18, t3 - t1), 500e18);
        t = _tree(abc, amounts3, reps3);
        _settleAt(t, 1e18, 500e18, t3);
        uint256 aliceBefore = reputation.balanceOf(ALICE);
        try token.claim(ALICE, 2e18, reps3[0], _proof(t, 0)) {} catch {} // anyone may submit it
        assertLe(reputation.balanceOf(ALICE) - aliceBefore, _rounding(aliceBefore), "no second mint");
        _claimAs(carol, t, 2);
        assertEq(reputation.balanceOf(carol), 500e18, "Carol gets her reputation");
        assertEq(token.balanceOf(carol), 1e18, "and her pay");
    }
}
