// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Builds payout Merkle trees and proofs in Solidity, hashed as the settlement verifies them.

/// @notice Builds small Merkle trees in Solidity the way the settlement verifies them: leaves hashed as
/// OpenZeppelin's StandardMerkleTree does for `(address, uint256, uint256)`, and parents as the sorted
/// pair (OpenZeppelin MerkleProof). Levels are built bottom-up; an odd node out is carried up unchanged,
/// so a proof simply skips that level. The shape differs from StandardMerkleTree's, which is fine:
/// MerkleProof only checks that the proof hashes up to the root.
library MerkleBuilder {
    uint256 private constant MAX_DEPTH = 32;

    function leaf(address account, uint256 cumulativeAmount, uint256 cumulativeReputation)
        internal
        pure
        returns (bytes32)
    {
        return keccak256(bytes.concat(keccak256(abi.encode(account, cumulativeAmount, cumulativeReputation))));
    }

    function leaves(address[] memory accounts, uint256[] memory amounts, uint256[] memory reps)
        internal
        pure
        returns (bytes32[] memory out)
    {
        require(accounts.length == amounts.length && amounts.length == reps.length, "merkle: lengths");
        out = new bytes32[](accounts.length);
        for (uint256 i = 0; i < accounts.length; ++i) {
            out[i] = leaf(accounts[i], amounts[i], reps[i]);
        }
    }

    function hashPair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? keccak256(abi.encode(a, b)) : keccak256(abi.encode(b, a));
    }

    function root(bytes32[] memory nodes) internal pure returns (bytes32) {
        uint256 n = nodes.length;
        require(n > 0, "merkle: empty");
        bytes32[] memory level = _copy(nodes);
        while (n > 1) {
            for (uint256 i = 0; i < n / 2; ++i) {
                level[i] = hashPair(level[2 * i], level[2 * i + 1]);
            }
            if (n % 2 == 1) level[n / 2] = level[n - 1];
            n = (n + 1) / 2;
        }
        return level[0];
    }

    function proof(bytes32[] memory nodes, uint256 index) internal pure returns (bytes32[] memory out) {
        uint256 n = nodes.length;
        require(index < n, "merkle: index");
        bytes32[] memory level = _copy(nodes);
        out = new bytes32[](MAX_DEPTH);
        uint256 len = 0;
        while (n > 1) {
            uint256 sibling = index ^ 1;
            if (sibling < n) out[len++] = level[sibling];
            for (uint256 i = 0; i < n / 2; ++i) {
                level[i] = hashPair(level[2 * i], level[2 * i + 1]);
            }
            if (n % 2 == 1) level[n / 2] = level[n - 1];
            n = (n + 1) / 2;
            index /= 2;
        }
        assembly ("memory-safe") {
            mstore(out, len)
        }
    }

    function _copy(bytes32[] memory a) private pure returns (bytes32[] memory b) {
        b = new bytes32[](a.length);
        for (uint256 i = 0; i < a.length; ++i) {
            b[i] = a[i];
        }
    }
}
