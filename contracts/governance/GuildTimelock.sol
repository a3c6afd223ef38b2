// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title GuildTimelock
/// @notice The guild's treasury and the owner of its config: OpenZeppelin's TimelockController, named so
/// that its artifact is compiled with the guild. Deployed with the deployer as a temporary admin that
/// `guild init` renounces once the governor holds the proposer and canceller roles.
contract GuildTimelock is TimelockController {
    constructor(uint256 minDelaySeconds, address[] memory proposers, address[] memory executors, address admin)
        TimelockController(minDelaySeconds, proposers, executors, admin)
    {}
}
