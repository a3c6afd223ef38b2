// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Invariant tests of the settlement's money and reputation: random sequences of
// propose/veto/finalize/claim/sweep/warp never pay out more than was funded, keep the escrow exact, never
// pay a leaf twice, and never mint more reputation than finalized epochs issued (decayed).

import {SettlementHandler} from "./handlers/SettlementHandler.sol";
import {GuildFixture} from "./utils/GuildFixture.sol";

contract SettlementInvariantTest is GuildFixture {
    SettlementHandler internal handler;

    function setUp() public override {
        super.setUp();
        handler = new SettlementHandler(token, reputation, config, START);
    }

    /// @dev As forge-std's StdInvariant: the fuzzer calls only the handler's (non-view) actions.
    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// @notice Claims never exceed the sum of finalized epoch totals.
    /// hardhat-config: invariant.failOnRevert = true
    /// hardhat-config: invariant.runs = 256
    /// hardhat-config: invariant.depth = 128
    function invariantClaimedNeverExceedsFunded() public view {
        assertLe(handler.ghostClaimed(), handler.ghostFunded(), "claimed > funded");
        assertLe(handler.ghostClaimed() + handler.ghostSwept(), handler.ghostFunded(), "claimed + swept > funded");
    }

    /// @notice The escrow is exactly what was funded, less what was claimed and swept; and no token is
    /// created or lost between the treasury, the escrow and the recipients.
    /// hardhat-config: invariant.failOnRevert = true
    /// hardhat-config: invariant.runs = 256
    /// hardhat-config: invariant.depth = 128
    function invariantEscrowIsFundedMinusClaimedMinusSwept() public view {
        uint256 escrow = token.balanceOf(address(token));
        assertEq(escrow, handler.ghostFunded() - handler.ghostClaimed() - handler.ghostSwept(), "escrow");
        uint256 held = token.balanceOf(address(timelock)) + escrow;
        for (uint256 i = 0; i < handler.actorCount(); ++i) {
            held += token.balanceOf(handler.actor(i));
        }
        assertEq(held, SUPPLY, "supply conserved");
        assertEq(token.totalSupply(), SUPPLY, "total supply fixed");
    }

    /// @notice No leaf pays twice: what each account received equals its claimedOf, which never exceeds
    /// its latest cumulative leaf (the node's book); the same holds for reputation, valued now (the
    /// leaf's reputation decayed from its reference time, and claimedOf decayed alike, up to the
    /// fixed-point rounding of decaying along different paths), and the reputation pool left to claim is
    /// the book's unclaimed remainder.
    /// hardhat-config: invariant.failOnRevert = true
    /// hardhat-config: invariant.runs = 256
    /// hardhat-config: invariant.depth = 128
    function invariantNoLeafPaysTwice() public view {
        uint256 book;
        uint256 claimed;
        for (uint256 i = 0; i < handler.actorCount(); ++i) {
            address a = handler.actor(i);
            assertEq(handler.ghostReceived(a), token.claimedOf(a), "received != claimedOf");
            assertEq(token.balanceOf(a), token.claimedOf(a), "balance != claimedOf");
            assertLe(token.claimedOf(a), handler.bookAmount(a), "claimed beyond the latest cumulative");
            uint256 leafNow = handler.bookRepNow(a);
            assertLe(reputation.claimedOf(a), leafNow + _rounding(leafNow), "reputation claimed beyond the leaf");
            book += leafNow;
            claimed += reputation.claimedOf(a);
        }
        assertApproxAbs(reputation.unclaimedIssued() + claimed, book, _rounding(book), "reputation pool != book");
    }

    /// @notice Reputation is never minted out of thin air: the pool left to claim plus every claimer's
    /// balance never exceeds what finalized epochs issued, each decayed from its reference time to now
    /// (plus fixed-point rounding); and it is exactly that less what sweeps expired (conservation).
    /// hardhat-config: invariant.failOnRevert = true
    /// hardhat-config: invariant.runs = 256
    /// hardhat-config: invariant.depth = 128
    function invariantReputationWithinIssued() public view {
        uint256 held = reputation.unclaimedIssued();
        for (uint256 i = 0; i < handler.actorCount(); ++i) {
            held += reputation.balanceOf(handler.actor(i));
        }
        uint256 issued = handler.issuedNow();
        assertLe(held, issued + _rounding(issued), "pool + claimed balances > issued");
        uint256 expired = handler.expiredNow();
        assertApproxAbs(held + expired, issued, _rounding(issued), "pool + balances + expired != issued");
        // Only founders and claimers hold reputation, and all of it counts in the supply.
        uint256 supply = reputation.totalSupply();
        uint256 all = held + reputation.balanceOf(founder1) + reputation.balanceOf(founder2);
        assertApproxAbs(all, supply, _rounding(supply), "supply != founders + claimers + pool");
    }
}
