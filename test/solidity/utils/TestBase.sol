// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Assertions and input bounding shared by the Solidity tests.

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

/// @notice Minimal assertions and input bounding for the suite (a stand-in for forge-std's Test).
abstract contract TestBase {
    using Strings for uint256;
    using Strings for address;

    function assertEq(uint256 a, uint256 b, string memory what) internal pure {
        if (a != b) revert(string.concat(what, ": ", a.toString(), " != ", b.toString()));
    }

    function assertEq(address a, address b, string memory what) internal pure {
        if (a != b) revert(string.concat(what, ": ", a.toHexString(), " != ", b.toHexString()));
    }

    function assertEq(bytes32 a, bytes32 b, string memory what) internal pure {
        if (a != b) revert(string.concat(what, ": ", uint256(a).toHexString(32), " != ", uint256(b).toHexString(32)));
    }

    function assertTrue(bool ok, string memory what) internal pure {
        if (!ok) revert(what);
    }

    function assertLe(uint256 a, uint256 b, string memory what) internal pure {
        if (a > b) revert(string.concat(what, ": ", a.toString(), " > ", b.toString()));
    }

    function assertLt(uint256 a, uint256 b, string memory what) internal pure {
        if (a >= b) revert(string.concat(what, ": ", a.toString(), " >= ", b.toString()));
    }

    /// @dev |a - b| <= maxDelta
    function assertApproxAbs(uint256 a, uint256 b, uint256 maxDelta, string memory what) internal pure {
        uint256 d = a > b ? a - b : b - a;
        if (d > maxDelta) {
            revert(string.concat(what, ": ", a.toString(), " !~ ", b.toString(), " (delta ", d.toString(), ")"));
        }
    }

    /// @dev Maps `x` into [min, max] without discarding inputs; values already inside are kept as they are.
    function _bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "bound: min > max");
        if (x >= min && x <= max) return x;
        uint256 size = max - min;
        if (size == type(uint256).max) return x;
        return min + (x % (size + 1));
    }

    /// @dev A deterministic pseudo-random word from a seed and a salt.
    function _rand(uint256 seed, uint256 salt) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed, salt)));
    }
}
