// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Fuzz tests for sweeps: after the latest root's claim expiry the escrow returns to the treasury and
// claims stop; no sweep before expiry or while a proposal is pending; epochs go on after a sweep.

import {EpochSettlement} from "../../contracts/settlement/EpochSettlement.sol";
import {GuildFixture} from "./utils/GuildFixture.sol";
import {vm} from "./utils/Vm.sol";

contract SweepFuzzTest is GuildFixture {
    uint256 internal constant MAX_REP = 1e24;

    function _settleRandom(address[4] memory who, uint256[4] memory amt, uint256[4] memory rep, uint256 nRaw)
        internal
        returns (Tree memory t)
    {
        uint256 n = _bound(nRaw, 1, 4);
        uint256[] memory amounts = new uint256[](n);
        uint256[] memory reps = new uint256[](n);
        for (uint256 i = 0; i < n; ++i) {
            amounts[i] = _bound(amt[i], 1, BUDGET / 4);
            reps[i] = _bound(rep[i], 0, MAX_REP);
        }
        t = _tree(_recipients(who, n), amounts, reps);
        _settle(t, _sum(amounts), _sum(reps));
    }

    /// @notice Some recipients claim; after expiry anyone sweeps; the treasury gets back exactly what was
    /// not claimed, unclaimed reputation expires, and the remaining leaves can no longer be claimed.
    function testFuzz_SweepAfterExpiryReturnsEscrow(
        address[4] memory who,
        uint256[4] memory amt,
        uint256[4] memory rep,
        uint8 nRaw,
        uint8 claimMask,
        uint256 lateRaw,
        address sweeper
    ) public {
        Tree memory t = _settleRandom(who, amt, rep, nRaw);
        uint256 claimedTotal;
        uint256 claimedRep;
        for (uint256 i = 0; i < t.accounts.length; ++i) {
            if ((claimMask >> i) & 1 == 1) {
                _claimAs(t.accounts[i], t, i);
                claimedTotal += t.amounts[i];
                claimedRep += t.reps[i];
            }
        }
        uint256 expiresAt = _expiresAt();
        uint256 referenceTime = _referenceTime();
        assertEq(expiresAt, lastFinalizedAt + CLAIM_EXPIRY, "expiry from finalization");
        assertEq(referenceTime, token.epoch(1).challengeEndsAt, "reference time is the challenge end");
        vm.warp(expiresAt + _bound(lateRaw, 0, 365 days));

        uint256 unclaimed = _sum(t.amounts) - claimedTotal;
        assertEq(token.balanceOf(address(token)), unclaimed, "escrow holds the unclaimed");
        uint256 repSupplyBefore = reputation.totalSupply();
        // The claims were made at the reference time, undecayed; the rest decays from it until the sweep.
        uint256 expiring = _decayFrom(_sum(t.reps) - claimedRep, referenceTime, block.timestamp);
        assertApproxAbs(reputation.unclaimedIssued(), expiring, _rounding(expiring), "the pool left to expire");
        for (uint256 i = 0; i < t.accounts.length; ++i) {
            if ((claimMask >> i) & 1 == 0) continue;
            uint256 held = _decayFrom(t.reps[i], referenceTime, block.timestamp);
            assertApproxAbs(reputation.balanceOf(t.accounts[i]), held, _rounding(held), "claimed reputation decays");
        }

        vm.prank(sweeper);
        token.sweep();
        assertEq(token.balanceOf(address(token)), 0, "escrow emptied");
        assertEq(token.balanceOf(address(timelock)), SUPPLY - claimedTotal, "treasury got the rest back");
        assertEq(reputation.unclaimedIssued(), 0, "unclaimed reputation expired");
        uint256 expectedSupply = repSupplyBefore > expiring ? repSupplyBefore - expiring : 0;
        assertApproxAbs(reputation.totalSupply(), expectedSupply, expiring / 1e15 + 2, "supply drops by it");

        for (uint256 i = 0; i < t.accounts.length; ++i) {
            bytes32[] memory p = _proof(t, i);
            vm.expectRevert(abi.encodeWithSelector(EpochSettlement.SettlementClaimExpired.selector, 1, expiresAt));
            token.claim(t.accounts[i], t.amounts[i], t.reps[i], p);
        }
        // A second sweep finds nothing to return and changes nothing.
        token.sweep();
        assertEq(token.balanceOf(address(timelock)), SUPPLY - claimedTotal, "nothing more to sweep");
    }

    /// @notice Before the latest root expires, sweeping reverts SettlementNotExpired and claims still work;
    /// at the expiry second itself, claims stop and the sweep is allowed.
    function testFuzz_SweepBeforeExpiryReverts(
        address[4] memory who,
        uint256[4] memory amt,
        uint256[4] memory rep,
        uint256 waitRaw
    ) public {
        Tree memory t = _settleRandom(who, amt, rep, 1);
        uint256 expiresAt = _expiresAt();
        assertEq(expiresAt, lastFinalizedAt + CLAIM_EXPIRY, "expiry from finalization");
        vm.warp(lastFinalizedAt + _bound(waitRaw, 0, CLAIM_EXPIRY - 1));
        vm.expectRevert(abi.encodeWithSelector(EpochSettlement.SettlementNotExpired.selector, 1, expiresAt));
        token.sweep();

        vm.warp(expiresAt - 1);
        _claimAs(address(this), t, 0); // the last claimable second
        assertEq(token.balanceOf(t.accounts[0]), t.amounts[0], "claimed just in time");

        vm.warp(expiresAt);
        bytes32[] memory p = _proof(t, 0);
        vm.expectRevert(abi.encodeWithSelector(EpochSettlement.SettlementClaimExpired.selector, 1, expiresAt));
        token.claim(t.accounts[0], t.amounts[0], t.reps[0], p);
        token.sweep();
    }

    /// @notice Once the root has expired, a pending proposal blocks the sweep (SettlementProposalPending).
    /// If it is vetoed the sweep goes ahead; if it is finalized the unclaimed pay is carried into the new
    /// root (cumulative leaves), the sweep waits for the new expiry, and the carried leaf pays in full.
    function testFuzz_SweepWhileProposalPendingReverts(
        address[4] memory who,
        uint256[4] memory amt,
        uint256 lateRaw,
        uint256 incRaw,
        bool vetoIt
    ) public {
        uint256[4] memory rep;
        Tree memory t = _settleRandom(who, amt, rep, 2);
        vm.warp(_expiresAt() + _bound(lateRaw, 0, 60 days));

        // Epoch 2 carries both unclaimed leaves forward and adds to the first recipient.
        uint256 inc = _bound(incRaw, 1, BUDGET / 4);
        uint256[] memory amounts = new uint256[](2);
        amounts[0] = t.amounts[0] + inc;
        amounts[1] = t.amounts[1];
        Tree memory t2 = _tree(t.accounts, amounts, new uint256[](2));
        _propose(2, t2.root, inc, 0);
        vm.expectRevert(abi.encodeWithSelector(EpochSettlement.SettlementProposalPending.selector, 2));
        token.sweep();

        uint256 unclaimed = t.amounts[0] + t.amounts[1];
        if (vetoIt) {
            vm.prank(guardian);
            token.veto(2);
            token.sweep();
            assertEq(token.balanceOf(address(timelock)), SUPPLY, "all of epoch 1 back in the treasury");
            return;
        }
        _finalize(2);
        uint256 newExpiry = _expiresAt();
        vm.expectRevert(abi.encodeWithSelector(EpochSettlement.SettlementNotExpired.selector, 2, newExpiry));
        token.sweep();
        assertEq(token.balanceOf(address(token)), unclaimed + inc, "escrow carried over and topped up");
        _claimAs(address(this), t2, 0);
        _claimAs(address(this), t2, 1);
        assertEq(token.balanceOf(t.accounts[0]), amounts[0], "carried leaf paid in full");
        assertEq(token.balanceOf(t.accounts[1]), amounts[1], "carried leaf paid in full");
        assertEq(token.balanceOf(address(token)), 0, "escrow empty");
    }

    /// @notice After a sweep the node rebases its book on what was claimed; the next epoch funds only its
    /// new pay and every new leaf is claimable in full. The rebased reputation is what each account
    /// claimed, decayed from the first epoch's reference time to the second's; what nobody claimed expired
    /// with the sweep and is in no leaf.
    function testFuzz_EpochsContinueAfterSweep(
        address[4] memory who,
        uint256[4] memory amt,
        uint256[4] memory rep,
        uint256 incRaw,
        uint256 slackRaw
    ) public {
        Tree memory t = _settleRandom(who, amt, rep, 3);
        uint256 t1 = _referenceTime();
        _claimAs(address(this), t, 0); // only the first recipient claims before expiry
        vm.warp(_expiresAt());
        token.sweep();
        assertEq(reputation.unclaimedIssued(), 0, "the rest expired");

        uint256 n = t.accounts.length;
        uint256 t2 = _earliestEnd() + _bound(slackRaw, 0, token.MAX_CHALLENGE_SLACK());
        uint256[] memory amounts = new uint256[](n);
        uint256[] memory reps = new uint256[](n);
        uint256 total;
        for (uint256 i = 0; i < n; ++i) {
            uint256 inc = _bound(_rand(incRaw, i), 1, BUDGET / n);
            amounts[i] = token.claimedOf(t.accounts[i]) + inc;
            uint256 claimed = i == 0 ? _decayFrom(t.reps[0], t1, t2) : 0;
            reps[i] = claimed + 1e18;
            total += inc;
        }
        // The node's book agrees with the chain's record of what was claimed.
        uint256 claimedNow = _decayFrom(t.reps[0], t1, block.timestamp);
        assertApproxAbs(reputation.claimedOf(t.accounts[0]), claimedNow, _rounding(claimedNow), "claimed, decayed");
        assertEq(reputation.claimedOf(t.accounts[1]), 0, "nothing claimed");
        Tree memory t2Tree = _tree(t.accounts, amounts, reps);
        _settleAt(t2Tree, total, n * 1e18, t2);
        for (uint256 i = 0; i < n; ++i) {
            uint256 before = reputation.balanceOf(t.accounts[i]);
            _claimAs(t.accounts[i], t2Tree, i);
            assertEq(token.balanceOf(t.accounts[i]), amounts[i], "rebased leaf paid");
            // Claimed at the new reference time: the new reputation, nothing from the expired pool, up to
            // the rounding of the first recipient's rebased part (decayed by the node and by the contract
            // along different paths), which shifts what it takes from the shared pool and so what is left.
            assertApproxAbs(
                reputation.balanceOf(t.accounts[i]) - before, 1e18, _rounding(reps[0]), "only the new reputation"
            );
        }
        assertEq(token.balanceOf(address(token)), 0, "escrow exact");
        assertEq(token.balanceOf(address(timelock)) + _sumBalances(t.accounts), SUPPLY, "no token lost or made");
        assertLe(reputation.unclaimedIssued(), _rounding(n * 1e18), "the new pool is drained, but for rounding");
    }

    function _sumBalances(address[] memory a) internal view returns (uint256 s) {
        for (uint256 i = 0; i < a.length; ++i) {
            s += token.balanceOf(a[i]);
        }
    }
}
