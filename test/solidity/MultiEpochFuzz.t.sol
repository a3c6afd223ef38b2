// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Fuzz tests for cumulative leaves across epochs: claims in between pay the difference, a recipient who
// skips epochs claims them all with one proof of the latest root, and the totals come out exact. Each
// leaf's reputation is the sum of every epoch's part decayed from that epoch's reference time (its
// challenge end) to the leaf's epoch's, so a late claim mints what a prompt one would still hold.

import {EpochSettlement} from "../../contracts/settlement/EpochSettlement.sol";
import {GuildFixture} from "./utils/GuildFixture.sol";
import {vm} from "./utils/Vm.sol";

contract MultiEpochFuzzTest is GuildFixture {
    uint256 internal constant R = 3; // recipients
    uint256 internal constant MAX_EPOCHS = 8;
    uint256 internal constant MAX_REP_INC = 1e22;

    struct Run {
        address[] who;
        uint256[] cum; // cumulative amount in the latest finalized root
        uint256[] cumRep; // cumulative reputation in the latest finalized root, valued at its reference time
        uint256[] paid; // observed token payments per recipient
        bool[] fresh; // earned something since its last claim
        uint256 funded; // sum of finalized epoch totals
        uint256 epochs; // finalized epochs so far
        uint256[] refTime; // each finalized epoch's reference time (its challenge end)
        uint256[][] repInc; // each finalized epoch's new reputation per recipient, valued at its reference time
        Tree tree; // the latest finalized tree
    }

    function _newRun(address[4] memory raw) internal view returns (Run memory r) {
        r.who = _recipients(raw, R);
        r.cum = new uint256[](R);
        r.cumRep = new uint256[](R);
        r.paid = new uint256[](R);
        r.fresh = new bool[](R);
        r.refTime = new uint256[](MAX_EPOCHS);
        r.repInc = new uint256[][](MAX_EPOCHS);
    }

    /// @dev Recipient `k`'s reputation from every finalized epoch, each part decayed from its own epoch's
    /// reference time to `t`: what its leaf is worth at `t` (t = the latest reference time gives the leaf).
    function _repAt(Run memory r, uint256 k, uint256 t) internal pure returns (uint256 v) {
        for (uint256 e = 0; e < r.epochs; ++e) {
            v += _decayFrom(r.repInc[e][k], r.refTime[e], t);
        }
    }

    /// @dev Every epoch's issued reputation decayed to `t`.
    function _issuedAt(Run memory r, uint256 t) internal pure returns (uint256 v) {
        for (uint256 k = 0; k < R; ++k) {
            v += _repAt(r, k, t);
        }
    }

    /// @dev Settles one epoch whose increments come from `seed`; recipient 0 always earns something. The
    /// node picks the challenge end anywhere in the allowed week, and builds the leaves' reputation as of it.
    function _epoch(Run memory r, uint256 seed, uint256 e) internal {
        require(r.epochs < MAX_EPOCHS, "run: too many epochs");
        uint256 endsAt = _earliestEnd() + _rand(seed, e * 16 + 15) % (token.MAX_CHALLENGE_SLACK() + 1);
        uint256 n = r.epochs;
        r.refTime[n] = endsAt;
        r.repInc[n] = new uint256[](R);
        r.epochs = n + 1;
        uint256[] memory amounts = new uint256[](R);
        uint256 total;
        uint256 repTotal;
        for (uint256 k = 0; k < R; ++k) {
            uint256 inc = _bound(_rand(seed, e * 16 + k), k == 0 ? 1 : 0, BUDGET / R);
            uint256 repInc = _bound(_rand(seed, e * 16 + k + 8), 0, MAX_REP_INC);
            if (k > 0 && _rand(seed, e * 16 + k + 4) % 4 == 0) (inc, repInc) = (0, 0); // some earn nothing
            r.cum[k] += inc;
            r.repInc[n][k] = repInc;
            amounts[k] = r.cum[k];
            if (inc > 0 || repInc > 0) r.fresh[k] = true;
            total += inc;
            repTotal += repInc;
        }
        for (uint256 k = 0; k < R; ++k) {
            r.cumRep[k] = _repAt(r, k, endsAt);
        }
        r.tree = _tree(r.who, amounts, r.cumRep);
        uint256 id = _settleAt(r.tree, total, repTotal, endsAt);
        assertEq(id, e + 1, "epochs settle in order");
        assertEq(_referenceTime(), endsAt, "the chosen end is the reference time");
        r.funded += total;
    }

    function _claimAndCheck(Run memory r, uint256 k, address caller) internal {
        address account = r.who[k];
        uint256 before = token.balanceOf(account);
        uint256 owed = r.cum[k] - token.claimedOf(account);
        _claimAs(caller, r.tree, k);
        uint256 got = token.balanceOf(account) - before;
        assertEq(got, owed, "pays cumulative minus already claimed");
        r.paid[k] += got;
        r.fresh[k] = false;
        assertEq(token.claimedOf(account), r.cum[k], "claimed catches up with the leaf");

        // However many epochs it skipped, the account now holds each epoch's reputation decayed from that
        // epoch's reference time: exactly what claiming every epoch at once would have left it.
        uint256 expected = _repAt(r, k, block.timestamp);
        uint256 balance = reputation.balanceOf(account);
        assertApproxAbs(balance, expected, _rounding(expected), "reputation as if claimed at each epoch");
        assertEq(reputation.getVotes(account), balance, "votes follow the balance");
        uint256 leafNow = _decayFrom(r.cumRep[k], _referenceTime(), block.timestamp);
        assertApproxAbs(reputation.claimedOf(account), leafNow, _rounding(leafNow), "reputation claimed catches up");
    }

    /// @dev A claim of a leaf that has only decayed since the account's last claim: nothing is owed. The
    /// leaf and the claimed value decay along different paths, so the claim either finds nothing (and
    /// reverts) or mints rounding dust; it never pays tokens again.
    function _claimStale(Run memory r, uint256 k) internal {
        address account = r.who[k];
        bytes32[] memory p = _proof(r.tree, k);
        uint256 repBefore = reputation.balanceOf(account);
        uint256 tokensBefore = token.balanceOf(account);
        try token.claim(account, r.cum[k], r.cumRep[k], p) {
            uint256 dust = reputation.balanceOf(account) - repBefore;
            assertLe(dust, _rounding(repBefore), "a stale leaf mints no more than rounding");
            assertEq(token.balanceOf(account), tokensBefore, "a stale leaf pays no tokens");
        } catch (bytes memory err) {
            assertEq(
                keccak256(err),
                keccak256(abi.encodeWithSelector(EpochSettlement.SettlementNothingToClaim.selector, account)),
                "a stale leaf has nothing to claim"
            );
        }
    }

    /// @notice Several epochs in sequence with random claims in between; recipient 0 claims only at the
    /// end, with one proof of the latest root, and receives every epoch's pay at once and every epoch's
    /// reputation decayed from that epoch's reference time.
    /// hardhat-config: fuzz.runs = 256
    function testFuzz_SkippedEpochsClaimedWithOneProof(
        address[4] memory raw,
        uint256 seed,
        uint8 epochsRaw,
        uint16 claimMask,
        uint256 gapRaw
    ) public {
        Run memory r = _newRun(raw);
        uint256 epochs = _bound(epochsRaw, 2, 5);
        for (uint256 e = 0; e < epochs; ++e) {
            _epoch(r, seed, e);
            vm.warp(block.timestamp + _bound(_rand(gapRaw, e), 0, EPOCH_LENGTH));
            for (uint256 k = 1; k < R; ++k) {
                if ((claimMask >> (e * R + k)) & 1 == 0) continue;
                if (r.fresh[k]) {
                    _claimAndCheck(r, k, address(0xC0FFEE));
                } else if (r.cumRep[k] == 0) {
                    // Nothing earned at all, or all of it claimed and no reputation: an exact no-op.
                    bytes32[] memory p = _proof(r.tree, k);
                    vm.expectRevert(
                        abi.encodeWithSelector(EpochSettlement.SettlementNothingToClaim.selector, r.who[k])
                    );
                    token.claim(r.who[k], r.cum[k], 0, p);
                } else {
                    _claimStale(r, k);
                }
            }
        }
        assertEq(token.balanceOf(r.who[0]), 0, "the skipper has claimed nothing yet");
        assertEq(reputation.balanceOf(r.who[0]), 0, "nor any reputation");

        // The skipper claims every epoch with one proof; then everyone else catches up.
        _claimAndCheck(r, 0, r.who[0]);
        assertEq(r.paid[0], r.cum[0], "all epochs paid in one claim");
        for (uint256 k = 1; k < R; ++k) {
            if (r.fresh[k]) _claimAndCheck(r, k, r.who[k]);
        }

        uint256 totalPaid;
        uint256 repHeld;
        for (uint256 k = 0; k < R; ++k) {
            assertEq(token.balanceOf(r.who[k]), r.cum[k], "balance is the final cumulative");
            totalPaid += r.paid[k];
            uint256 expected = _repAt(r, k, block.timestamp);
            uint256 held = reputation.balanceOf(r.who[k]);
            assertApproxAbs(held, expected, _rounding(expected), "each epoch's reputation decayed from its end");
            repHeld += held;
        }
        assertEq(totalPaid, r.funded, "paid out exactly what was funded");
        assertEq(token.balanceOf(address(token)), 0, "escrow empty");
        assertEq(token.balanceOf(address(timelock)), SUPPLY - r.funded, "treasury down by the funded total");

        uint256 issued = _issuedAt(r, block.timestamp);
        assertApproxAbs(repHeld, issued, _rounding(issued), "the recipients hold all issued reputation");
        assertLe(reputation.unclaimedIssued(), _rounding(issued), "all issued reputation claimed, but for rounding");
        uint256 supply = reputation.totalSupply();
        uint256 founders = reputation.balanceOf(founder1) + reputation.balanceOf(founder2);
        assertLe(repHeld + founders, supply + _rounding(supply), "balances within the supply");
    }

    struct Skip {
        address a;
        address b;
        uint256 rep; // each earns this in epoch 1
        uint256 emptyEpochs;
        uint256 gap; // between empty epochs
        uint256 slack; // challenge ends past the earliest
        uint256 wait; // after the last one, before B claims
    }

    /// @notice The skipped-claims case: A and B each earn 1000 reputation in epoch 1; A claims at once;
    /// empty epochs follow days apart, their roots carrying B's leaf decayed from epoch 1's reference
    /// time; B claims through the latest root and ends up with what A holds, not more.
    function testSkippedClaimsMintWhatAPromptClaimHolds() public {
        _skippedClaims(Skip(address(0xA11CE), address(0xB0B), 1000e18, 4, 10 days, 0, 3 days));
    }

    /// @notice The same with random reputation, number of empty epochs, gaps and challenge ends.
    /// hardhat-config: fuzz.runs = 128
    function testFuzz_SkippedClaimsMintWhatAPromptClaimHolds(
        uint256 repRaw,
        uint8 emptyRaw,
        uint256 gapRaw,
        uint256 slackRaw,
        uint256 waitRaw
    ) public {
        _skippedClaims(
            Skip(
                address(0xA11CE),
                address(0xB0B),
                _bound(repRaw, 1e18, 1e24),
                _bound(emptyRaw, 1, 6),
                _bound(gapRaw, 0, 20 days),
                _bound(slackRaw, 0, token.MAX_CHALLENGE_SLACK()),
                _bound(waitRaw, 0, CLAIM_EXPIRY - 1)
            )
        );
    }

    function _skippedClaims(Skip memory c) internal {
        address[] memory who = new address[](2);
        (who[0], who[1]) = (c.a, c.b);
        uint256[] memory amounts = new uint256[](2);
        (amounts[0], amounts[1]) = (1e18, 1e18);
        uint256[] memory reps = new uint256[](2);
        (reps[0], reps[1]) = (c.rep, c.rep);
        uint256 t1 = _earliestEnd() + c.slack;
        Tree memory t = _tree(who, amounts, reps);
        _settleAt(t, 2e18, 2 * c.rep, t1);
        _claimAs(c.a, t, 0); // A claims at once, at the reference time
        assertEq(reputation.balanceOf(c.a), c.rep, "A's reputation, undecayed at the reference time");

        // Empty epochs: no new pay, no new reputation; each root carries both cumulative leaves, their
        // reputation decayed from epoch 1's reference time to the epoch's own.
        for (uint256 i = 0; i < c.emptyEpochs; ++i) {
            vm.warp(block.timestamp + c.gap);
            uint256 endsAt = _earliestEnd() + (c.slack * (i + 1)) % (token.MAX_CHALLENGE_SLACK() + 1);
            reps = new uint256[](2);
            reps[0] = _decayFrom(c.rep, t1, endsAt);
            reps[1] = reps[0];
            t = _tree(who, amounts, reps);
            _settleAt(t, 0, 0, endsAt);
        }
        assertLt(t.reps[1], c.rep, "B's leaf has decayed");
        vm.warp(block.timestamp + c.wait);

        uint256 supplyBefore = reputation.totalSupply();
        _claimAs(c.b, t, 1); // B claims everything through the latest root
        assertEq(token.balanceOf(c.b), 1e18, "B paid its leaf");
        assertEq(reputation.totalSupply(), supplyBefore, "a claim moves reputation from the pool, not the supply");
        uint256 balanceA = reputation.balanceOf(c.a);
        uint256 balanceB = reputation.balanceOf(c.b);
        assertApproxAbs(balanceB, balanceA, balanceA / 1e15, "B holds what A holds");
        uint256 expected = _decayFrom(c.rep, t1, block.timestamp);
        assertApproxAbs(balanceA, expected, _rounding(expected), "both decayed from epoch 1's reference time");
        assertLe(reputation.unclaimedIssued(), _rounding(expected), "the pool is drained, but for rounding");
        uint256 held = reputation.balanceOf(founder1) + reputation.balanceOf(founder2) + balanceA + balanceB;
        assertLe(held, supplyBefore + _rounding(supplyBefore), "balances within the supply");

        // B's leaf carries nothing more: claiming it again fails or mints rounding dust at most.
        bytes32[] memory p = _proof(t, 1);
        try token.claim(c.b, 1e18, t.reps[1], p) {
            assertLe(reputation.balanceOf(c.b) - balanceB, _rounding(balanceB), "no second mint beyond rounding");
        } catch (bytes memory err) {
            assertEq(
                keccak256(err),
                keccak256(abi.encodeWithSelector(EpochSettlement.SettlementNothingToClaim.selector, c.b)),
                "nothing left to claim"
            );
        }
    }

    /// @notice Only the latest root is claimable: a proof of an older epoch's leaf stops working once a
    /// newer epoch is finalized, and the newer leaf pays the difference.
    /// hardhat-config: fuzz.runs = 256
    function testFuzz_OlderRootsAreNotClaimable(address[4] memory raw, uint256 seed) public {
        Run memory r = _newRun(raw);
        _epoch(r, seed, 0);
        Tree memory old = r.tree;
        uint256 oldCum = r.cum[0];
        _epoch(r, seed, 1); // recipient 0 earns at least 1 more, so its leaf changed
        bytes32[] memory p = _proof(old, 0);
        vm.expectRevert(abi.encodeWithSelector(EpochSettlement.SettlementInvalidProof.selector, 2, r.who[0]));
        token.claim(r.who[0], oldCum, old.reps[0], p);
        _claimAndCheck(r, 0, address(this));
        assertEq(token.balanceOf(r.who[0]), r.cum[0], "both epochs paid");
    }

    /// @notice A vetoed epoch funds nothing and its root never becomes claimable; the node re-proposes
    /// the same epoch id and that one pays.
    /// hardhat-config: fuzz.runs = 256
    function testFuzz_VetoedEpochIsReplaced(address[4] memory raw, uint256 seed, bool byGuardian) public {
        Run memory r = _newRun(raw);
        _epoch(r, seed, 0);
        Tree memory bad = _tree(r.who, _scaled(r.cum, 2), r.cumRep);
        _propose(2, bad.root, _sum(r.cum), 0);
        vm.prank(byGuardian ? guardian : address(timelock));
        token.veto(2);
        assertTrue(token.epoch(2).state == EpochSettlement.EpochState.Vetoed, "vetoed");
        vm.expectRevert(
            abi.encodeWithSelector(
                EpochSettlement.SettlementWrongState.selector, 2, EpochSettlement.EpochState.Vetoed
            )
        );
        token.finalize(2);
        assertEq(token.balanceOf(address(token)), r.funded, "the veto funded nothing");
        _epoch(r, seed, 1); // re-proposes epoch 2
        assertEq(token.balanceOf(address(token)), r.funded, "escrow holds exactly the two finalized totals");
        for (uint256 k = 0; k < R; ++k) {
            if (r.cum[k] > 0 || r.cumRep[k] > 0) _claimAndCheck(r, k, address(this));
        }
        assertEq(token.balanceOf(address(token)), 0, "escrow empty");
    }

    function _scaled(uint256[] memory a, uint256 f) internal pure returns (uint256[] memory b) {
        b = new uint256[](a.length);
        for (uint256 i = 0; i < a.length; ++i) {
            b[i] = a[i] * f + 1;
        }
    }
}
