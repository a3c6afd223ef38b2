// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Cheatcode interface for the Solidity tests (forge-std is not available).

/// @notice The few Foundry-style cheatcodes these tests use, served by Hardhat's EDR at the standard
/// address (forge-std is not installed, so this declares only what the suite calls).
interface Vm {
    function warp(uint256 newTimestamp) external;
    function prank(address msgSender) external;
    function startPrank(address msgSender) external;
    function stopPrank() external;
    /// @dev Exact match of the whole revert data (selector and arguments).
    function expectRevert(bytes calldata revertData) external;
    /// @dev Exact match: the revert data must be exactly these four bytes (an error without arguments).
    function expectRevert(bytes4 revertData) external;
    /// @dev Matches the selector only, whatever the arguments.
    function expectPartialRevert(bytes4 revertData) external;
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);
    function addr(uint256 privateKey) external pure returns (address keyAddr);
    function assume(bool condition) external pure;
    /// @dev Marks the running test as skipped (reported as such), with a reason; call at its top level.
    function skip(bool skipTest, string calldata reason) external;
}

/// @dev 0x7109709ECfa91a80626fF3989D68f67F5b1DD12D, the standard cheatcode address.
Vm constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
