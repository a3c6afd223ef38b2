// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Fuzz tests for single-epoch claims: exact payouts, one payment per leaf, proof checks, third-party
// submission, and the reputation a leaf mints (decayed from the epoch's reference time, its challenge end).

import {EpochSettlement} from "../../contracts/settlement/EpochSettlement.sol";
import {GuildFixture} from "./utils/GuildFixture.sol";
import {vm} from "./utils/Vm.sol";

contract ClaimsFuzzTest is GuildFixture {
    uint256 internal constant MAX_REP = 1e24;

    /// @dev A random tree of 1..4 random recipients with random amounts and reputation, settled in epoch 1.
    function _settleRandom(address[4] memory who, uint256[4] memory amt, uint256[4] memory rep, uint256 nRaw)
        internal
        returns (Tree memory t, uint256 epochId)
    {
        uint256 n = _bound(nRaw, 1, 4);
        address[] memory accounts = _recipients(who, n);
        uint256[] memory amounts = new uint256[](n);
        uint256[] memory reps = new uint256[](n);
        for (uint256 i = 0; i < n; ++i) {
            amounts[i] = _bound(amt[i], 0, BUDGET / 4);
            reps[i] = _bound(rep[i], 0, MAX_REP);
        }
        t = _tree(accounts, amounts, reps);
        epochId = _settle(t, _sum(amounts), _sum(reps));
    }

    /// @notice Anyone submits each claim; the recipient gets exactly its leaf, the submitter nothing, the
    /// reputation is minted decayed from the epoch's reference time, and a second claim of the leaf pays
    /// nothing.
    function testFuzz_ClaimPaysTheLeafToTheRecipient(
        address[4] memory who,
        uint256[4] memory amt,
        uint256[4] memory rep,
        uint8 nRaw,
        address caller,
        uint256 delayRaw
    ) public {
        (Tree memory t,) = _settleRandom(who, amt, rep, nRaw);
        uint256 referenceTime = _referenceTime();
        assertEq(referenceTime, block.timestamp, "finalized at the challenge end, its reference time");
        assertEq(token.balanceOf(address(token)), _sum(t.amounts), "escrow funded with the epoch total");
        // Finalized at its reference time: nothing has decayed yet.
        assertEq(reputation.unclaimedIssued(), _sum(t.reps), "reputation issued");
        uint256 founders = _decayed(2 * FOUNDER_REP, block.timestamp - START);
        assertApproxAbs(
            reputation.totalSupply(), founders + _sum(t.reps), _rounding(founders), "issued reputation counts in supply"
        );
        vm.assume(!_isSpecial(caller));

        vm.warp(referenceTime + _bound(delayRaw, 0, CLAIM_EXPIRY - 1));
        uint256 minted;
        for (uint256 i = 0; i < t.accounts.length; ++i) {
            address account = t.accounts[i];
            uint256 callerBefore = token.balanceOf(caller);
            uint256 expected = _decayFrom(t.reps[i], referenceTime, block.timestamp);
            uint256 exact = _owedBeyondDust(_decayExact(t.reps[i], referenceTime, block.timestamp), 0);
            if (t.amounts[i] == 0 && exact == 0) {
                // An empty leaf, or reputation that has decayed to nothing: there is nothing to claim.
                bytes32[] memory p = _proof(t, i);
                vm.expectRevert(abi.encodeWithSelector(EpochSettlement.SettlementNothingToClaim.selector, account));
                vm.prank(caller);
                token.claim(account, 0, t.reps[i], p);
                continue;
            }
            _claimAs(caller, t, i);
            assertEq(token.balanceOf(account), t.amounts[i], "recipient paid its leaf");
            assertEq(token.claimedOf(account), t.amounts[i], "claimed recorded");
            if (caller != account) assertEq(token.balanceOf(caller), callerBefore, "submitter paid nothing");
            uint256 got = reputation.balanceOf(account);
            assertApproxAbs(got, exact == 0 ? 0 : expected, _rounding(expected), "decayed reputation minted");
            assertEq(got, exact, "minted to the unit"); // the pool, decayed alike, always covers it
            assertLe(got, t.reps[i], "never more than the leaf");
            // claimedOf is the leaf's value decayed to now, which a fresh account was just minted.
            assertEq(reputation.claimedOf(account), got, "reputation claimed recorded, decayed to now");
            assertEq(reputation.getVotes(account), got, "votes follow the mint");
            minted += got;

            // The same leaf again: nothing is left to pay.
            bytes32[] memory again = _proof(t, i);
            vm.expectRevert(abi.encodeWithSelector(EpochSettlement.SettlementNothingToClaim.selector, account));
            token.claim(account, t.amounts[i], t.reps[i], again);
        }
        assertEq(token.balanceOf(address(token)), 0, "escrow paid out exactly");
        // Every leaf decayed over the same interval as the pool: what is left is the rounding of the
        // separately decayed leaves (each floored, one unit per leaf), and leaves worth no more than the
        // contract's 16-unit dust, which are not minted.
        uint256 poolNow = _decayFrom(_sum(t.reps), referenceTime, block.timestamp);
        assertApproxAbs(minted, poolNow, _rounding(poolNow), "the claims took the decayed pool");
        assertLe(reputation.unclaimedIssued(), 17 * t.accounts.length, "all reputation claimed, but for rounding");
        assertEq(token.balanceOf(address(timelock)), SUPPLY - _sum(t.amounts), "treasury funded the epoch");
    }

    /// @notice A leaf claimed exactly one half-life after its epoch's reference time mints half its
    /// reputation, and what it claimed decays with it.
    function testFuzz_ReputationMintedDecaysFromReferenceTime(address[4] memory who, uint256 repRaw) public {
        // The claim window (30 days) is shorter than a half-life; lengthen it through governance first.
        _govern(address(config), abi.encodeCall(config.setClaimExpiry, (uint48(2 * HALF_LIFE))), "long expiry");
        uint256[4] memory amt;
        uint256[4] memory rep;
        amt[0] = 1e18;
        rep[0] = _bound(repRaw, 1e6, MAX_REP);
        (Tree memory t,) = _settleRandom(who, amt, rep, 1);
        vm.warp(_referenceTime() + HALF_LIFE);
        assertApproxAbs(reputation.unclaimedIssued(), rep[0] / 2, rep[0] / 1e12 + 1, "the pool halved too");
        _claimAs(address(0xBEEF), t, 0);
        uint256 half = reputation.balanceOf(t.accounts[0]);
        assertApproxAbs(half, rep[0] / 2, rep[0] / 1e12 + 1, "halved in a half-life");
        assertEq(reputation.claimedOf(t.accounts[0]), half, "claimed counts the decayed leaf");
        // The pool and the leaf decayed from the same time over the same interval: exactly drained.
        assertEq(reputation.unclaimedIssued(), 0, "the pool is drained");
        vm.warp(block.timestamp + HALF_LIFE);
        assertApproxAbs(reputation.claimedOf(t.accounts[0]), rep[0] / 4, rep[0] / 1e12 + 1, "claimed keeps decaying");
        assertApproxAbs(reputation.balanceOf(t.accounts[0]), rep[0] / 4, rep[0] / 1e12 + 1, "as the balance does");
    }

    /// @notice The node chooses the challenge end anywhere in [now + window, that + 7 days]; it is the
    /// epoch's reference time whenever the epoch is finalized: the issued reputation and every leaf are
    /// valued as of then, while the claim window runs from the finalization.
    function testFuzz_ReputationValuedAtTheChosenChallengeEnd(
        address account,
        uint256 slackRaw,
        uint256 lateRaw,
        uint256 delayRaw,
        uint256 repRaw
    ) public {
        vm.assume(!_isSpecial(account));
        uint256 endsAt = _earliestEnd() + _bound(slackRaw, 0, token.MAX_CHALLENGE_SLACK());
        uint256 rep = _bound(repRaw, 1, MAX_REP);
        Tree memory t = _tree(_oneAddr(account), _one(1e18), _one(rep));
        _proposeAt(1, t.root, 1e18, rep, endsAt);
        assertEq(token.epoch(1).challengeEndsAt, endsAt, "the chosen end is stored");
        uint256 supplyBefore = reputation.totalSupply();
        uint256 proposedAt = block.timestamp;

        vm.warp(endsAt + _bound(lateRaw, 0, 60 days)); // anyone may finalize, however late
        token.finalize(1);
        {
            (uint256 active, uint256 referenceTime, uint256 expiresAt) = token.activeEpoch();
            assertEq(active, 1, "active epoch");
            assertEq(referenceTime, endsAt, "the reference time is the challenge end");
            assertEq(expiresAt, block.timestamp + CLAIM_EXPIRY, "the claim window runs from finalization");
        }
        {
            uint256 issued = _decayFrom(rep, endsAt, block.timestamp);
            assertApproxAbs(reputation.unclaimedIssued(), issued, _rounding(issued), "issued decayed from the end");
            uint256 expected = _decayFrom(supplyBefore, proposedAt, block.timestamp) + issued;
            assertApproxAbs(reputation.totalSupply(), expected, _rounding(expected), "supply grows by it");
        }

        vm.warp(block.timestamp + _bound(delayRaw, 0, CLAIM_EXPIRY - 1));
        uint256 expected = _decayFrom(rep, endsAt, block.timestamp);
        if (expected == 0) return; // decayed to nothing (tiny leaves only)
        _claimAs(account, t, 0);
        assertApproxAbs(reputation.balanceOf(account), expected, _rounding(expected), "minted decayed from the end");
        // The pool was revalued at finalization, the leaf decays straight from the end: equal but for rounding.
        assertLe(reputation.unclaimedIssued(), _rounding(expected), "the pool is drained");
    }

    /// @notice A proof that does not lead from the leaf to the active root reverts SettlementInvalidProof,
    /// whatever part of the claim is wrong; the correct claim still works afterwards.
    function testFuzz_WrongProofReverts(
        address[4] memory who,
        uint256[4] memory amt,
        uint256[4] memory rep,
        uint8 nRaw,
        uint256 pick,
        uint256 bump,
        bytes32 junk,
        address stranger
    ) public {
        (Tree memory t, uint256 epochId) = _settleRandom(who, amt, rep, nRaw);
        uint256 i = pick % t.accounts.length;
        address account = t.accounts[i];
        bytes memory invalid = abi.encodeWithSelector(EpochSettlement.SettlementInvalidProof.selector, epochId, account);
        bytes32[] memory p = _proof(t, i);
        uint256 delta = _bound(bump, 1, 1e30);

        // Inflated amount or reputation.
        vm.expectRevert(invalid);
        token.claim(account, t.amounts[i] + delta, t.reps[i], p);
        vm.expectRevert(invalid);
        token.claim(account, t.amounts[i], t.reps[i] + delta, p);
        // A corrupted or extra sibling.
        bytes32[] memory bad = new bytes32[](p.length + 1);
        for (uint256 k = 0; k < p.length; ++k) {
            bad[k] = p[k];
        }
        bad[p.length] = junk;
        vm.expectRevert(invalid);
        token.claim(account, t.amounts[i], t.reps[i], bad);
        if (p.length > 0) {
            p[0] = p[0] ^ bytes32(uint256(1) + (uint256(junk) >> 1));
            vm.expectRevert(invalid);
            token.claim(account, t.amounts[i], t.reps[i], p);
            p = _proof(t, i);
        }
        // Somebody else's leaf values claimed for a stranger.
        vm.assume(!_isSpecial(stranger));
        for (uint256 k = 0; k < t.accounts.length; ++k) {
            vm.assume(stranger != t.accounts[k]);
        }
        vm.expectRevert(abi.encodeWithSelector(EpochSettlement.SettlementInvalidProof.selector, epochId, stranger));
        token.claim(stranger, t.amounts[i], t.reps[i], p);

        // Nothing was paid; the right claim still goes through (unless the leaf is empty).
        assertEq(token.balanceOf(address(token)), _sum(t.amounts), "escrow untouched");
        if (t.amounts[i] > 0 || t.reps[i] > 0) {
            token.claim(account, t.amounts[i], t.reps[i], p);
            assertEq(token.balanceOf(account), t.amounts[i], "paid after the failures");
        }
    }

    /// @notice Claims before any epoch is finalized revert SettlementNoActiveEpoch, and a proposed but not
    /// finalized root cannot be claimed against.
    function testFuzz_NoClaimBeforeFinalization(address account, uint256 amount) public {
        amount = _bound(amount, 1, BUDGET);
        Tree memory t = _tree(_oneAddr(account), _one(amount), _one(0));
        vm.expectRevert(EpochSettlement.SettlementNoActiveEpoch.selector);
        token.claim(account, amount, 0, _proof(t, 0));
        _propose(1, t.root, amount, 0);
        vm.expectRevert(EpochSettlement.SettlementNoActiveEpoch.selector);
        token.claim(account, amount, 0, _proof(t, 0));
    }

    function _one(uint256 v) internal pure returns (uint256[] memory a) {
        a = new uint256[](1);
        a[0] = v;
    }

    function _oneAddr(address v) internal pure returns (address[] memory a) {
        a = new address[](1);
        a[0] = v;
    }
}
