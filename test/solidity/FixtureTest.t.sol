// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Checks the fixture itself: the deployment wiring and the Merkle builder against OpenZeppelin's tree.

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {GuildFixture} from "./utils/GuildFixture.sol";
import {MerkleBuilder} from "./utils/MerkleBuilder.sol";

contract FixtureTest is GuildFixture {
    function testDeploymentWiring() public view {
        assertTrue(timelock.hasRole(timelock.PROPOSER_ROLE(), address(governor)), "governor proposes");
        assertTrue(timelock.hasRole(timelock.CANCELLER_ROLE(), address(governor)), "governor cancels");
        assertTrue(timelock.hasRole(timelock.EXECUTOR_ROLE(), address(0)), "anyone executes");
        assertTrue(!timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE(), address(this)), "deployer renounced admin");
        assertTrue(timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE(), address(timelock)), "timelock is its own admin");
        assertEq(timelock.getMinDelay(), MIN_DELAY, "min delay");

        assertEq(reputation.settlement(), address(token), "reputation minter");
        assertEq(reputation.governance(), address(timelock), "reputation governance");
        assertEq(reputation.halfLife(), HALF_LIFE, "half-life");
        assertEq(reputation.totalSupply(), 2 * FOUNDER_REP, "founders' supply");
        assertEq(reputation.getVotes(founder1), FOUNDER_REP, "founder votes themselves");

        assertEq(address(governor.token()), address(reputation), "governor votes token");
        assertEq(governor.timelock(), address(timelock), "governor timelock");
        assertEq(governor.votingDelay(), VOTING_DELAY, "voting delay");
        assertEq(governor.votingPeriod(), VOTING_PERIOD, "voting period");
        assertEq(governor.proposalThreshold(), PROPOSAL_THRESHOLD, "threshold");
        assertEq(governor.quorumNumerator(), QUORUM_PERCENT, "quorum");

        assertEq(config.timelock(), address(timelock), "config owner");
        assertEq(config.node(), node, "node");
        assertEq(config.guardian(), guardian, "guardian");
        assertEq(config.configHash(), keccak256(abi.encode(config.params())), "config hash");
        assertTrue(config.isModelApproved(MODEL_DIGEST), "model approved");

        assertEq(token.treasury(), address(timelock), "treasury");
        assertEq(address(token.config()), address(config), "token config");
        assertEq(address(token.reputation()), address(reputation), "token reputation");
        assertEq(token.totalSupply(), SUPPLY, "supply");
        assertEq(token.balanceOf(address(timelock)), SUPPLY, "treasury holds the supply");
        assertEq(token.allowance(address(timelock), address(token)), type(uint256).max, "funding allowance");
        assertEq(token.balanceOf(address(token)), 0, "empty escrow");
    }

    /// @dev A tree made by @openzeppelin/merkle-tree's StandardMerkleTree.of(values, ["address",
    /// "uint256", "uint256"]) off chain: the contract must accept its root and proofs, and our builder's
    /// leaves must hash the same way.
    function testAcceptsStandardMerkleTreeFromTheJsLibrary() public {
        bytes32 root = 0x7d31d431f02c2d47c91f1dd93caa4c09787a76a512d31c6c75dd3d87d9bf57e5;
        address a = 0x1111111111111111111111111111111111111111;
        address b = 0x2222222222222222222222222222222222222222;
        address c = 0x3333333333333333333333333333333333333333;
        bytes32[] memory pa = new bytes32[](2);
        pa[0] = 0x225bd51e1bfd6fc08c31afeb97a03d39e1d801c20148991251a1790f6cbef0d7;
        pa[1] = 0x89edd9ebffe3a8cd17c9f7138a561fd48f1816a99a75f82e58acfa5f3dd46ee8;
        bytes32[] memory pb = new bytes32[](2);
        pb[0] = 0x2aacc82c23aeef818c2fbe1aba4e1c780deb622a3a0c5956be4c59850201839e;
        pb[1] = 0x89edd9ebffe3a8cd17c9f7138a561fd48f1816a99a75f82e58acfa5f3dd46ee8;
        bytes32[] memory pc = new bytes32[](1);
        pc[0] = 0x59eb426c134b66388b6c595c48740792b72139c77044e1c4a5426de024cbdb31;
        assertTrue(MerkleProof.verify(pa, root, MerkleBuilder.leaf(a, 1e18, 5e18)), "leaf encoding");

        _propose(1, root, 3.5e18 + 7, 5e18 + 3);
        _finalize(1);
        token.claim(a, 1e18, 5e18, pa);
        token.claim(b, 2.5e18, 0, pb);
        token.claim(c, 7, 3, pc);
        assertEq(token.balanceOf(a), 1e18, "a paid");
        assertEq(token.balanceOf(b), 2.5e18, "b paid");
        assertEq(token.balanceOf(c), 7, "c paid");
        assertEq(reputation.balanceOf(a), 5e18, "a reputation");
        assertEq(token.balanceOf(address(token)), 0, "escrow drained exactly");
    }

    /// @dev Every proof from the builder verifies against its root, for trees of 1..9 random leaves.
    /// hardhat-config: fuzz.runs = 64
    function testFuzz_BuilderProofsVerify(uint256 seed, uint8 nRaw) public pure {
        uint256 n = _bound(nRaw, 1, 9);
        bytes32[] memory leaves = new bytes32[](n);
        for (uint256 i = 0; i < n; ++i) {
            leaves[i] = MerkleBuilder.leaf(address(uint160(_rand(seed, i))), _rand(seed, i + 100), i);
        }
        bytes32 root = MerkleBuilder.root(leaves);
        for (uint256 i = 0; i < n; ++i) {
            bytes32[] memory p = MerkleBuilder.proof(leaves, i);
            assertTrue(MerkleProof.verify(p, root, leaves[i]), "proof verifies");
            assertTrue(p.length <= 4, "depth");
        }
    }
}
