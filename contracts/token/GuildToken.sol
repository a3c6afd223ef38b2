// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {GuildConfig} from "../config/GuildConfig.sol";
import {Reputation} from "../governance/Reputation.sol";
import {EpochSettlement} from "../settlement/EpochSettlement.sol";

/// @title GuildToken
/// @notice The payment token: ERC20 with EIP-2612 permit. The whole supply is minted once, to the
/// treasury (the timelock); there is no owner and no other mint. It carries no votes: pay is not voice,
/// which keeps transfers and claims cheap and governance impossible to buy.
///
/// @dev The token is also the guild's epoch settlement (see EpochSettlement). Keeping the ledger and the
/// settlement in one contract lets a claim credit the holder without an external call, and each
/// holder's balance shares a storage slot with the cumulative amount it has claimed, so a claim writes
/// the holder's slot once. Balances are 128-bit; the supply cap below keeps every sum in range.
///
/// The treasury's allowance to this contract is set to the maximum at deployment so that finalizing an
/// epoch can fund it; the amount per epoch is bounded by the governed budget, every epoch can be vetoed
/// during its challenge window, and governance can lower the allowance at any time.
contract GuildToken is ERC20Permit, EpochSettlement {
    struct Holder {
        uint128 balance;
        uint128 claimed; // cumulative base units received through epoch claims
    }

    mapping(address account => Holder) private _holders;
    uint256 private _supply;

    /// @param initialSupply base units minted to the treasury, at most 2^128 - 1
    /// @param treasury the timelock
    constructor(uint256 initialSupply, address treasury, GuildConfig config_, Reputation reputation_)
        ERC20("Guild", "GUILD")
        ERC20Permit("Guild")
        EpochSettlement(treasury, config_, reputation_)
    {
        _mint(treasury, initialSupply);
        _approve(treasury, address(this), type(uint256).max);
    }

    /// @notice The balance of `account`; for this contract itself, the escrow of finalized epochs.
    function balanceOf(address account) public view override returns (uint256) {
        return account == address(this) ? _escrow.balance : _holders[account].balance;
    }

    function totalSupply() public view override returns (uint256) {
        return _supply;
    }

    /// @notice Cumulative base units `account` has received through epoch claims.
    function claimedOf(address account) external view returns (uint256) {
        return _holders[account].claimed;
    }

    /// @dev The ledger: OpenZeppelin's ERC20 logic (transfer, allowance, permit) on packed storage.
    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0)) {
            _supply = SafeCast.toUint128(_supply + value);
        } else {
            uint256 fromBalance = balanceOf(from);
            if (fromBalance < value) revert ERC20InsufficientBalance(from, fromBalance, value);
            // Safe: checked just above.
            unchecked {
                _setBalance(from, fromBalance - value);
            }
        }
        if (to == address(0)) {
            // Safe: value <= fromBalance <= totalSupply. (No burn is exposed; kept for ERC20 completeness.)
            unchecked {
                _supply -= value;
            }
        } else {
            // Safe: every balance is at most the supply, which fits in 128 bits.
            unchecked {
                _setBalance(to, balanceOf(to) + value);
            }
        }
        emit Transfer(from, to, value);
    }

    function _setBalance(address account, uint256 value) private {
        if (account == address(this)) _escrow.balance = uint128(value);
        else _holders[account].balance = uint128(value);
    }

    function _fundEscrow(uint256 amount) internal override {
        _spendAllowance(treasury, address(this), amount);
        _update(treasury, address(this), amount);
    }

    function _returnEscrow(uint256 amount) internal override {
        _update(address(this), treasury, amount);
    }

    function _payClaim(address account, uint256 cumulative, uint256 available)
        internal
        override
        returns (uint256 paid)
    {
        Holder memory h = _holders[account];
        if (cumulative <= h.claimed) return 0;
        // Safe: cumulative > h.claimed.
        unchecked {
            paid = cumulative - h.claimed;
        }
        if (paid > available) revert SettlementEscrowInsufficient(paid, available);
        // Safe: paid <= escrow balance <= supply < 2^128, and cumulative - claimed == paid.
        h.balance += uint128(paid);
        h.claimed = uint128(cumulative);
        _holders[account] = h;
        emit Transfer(address(this), account, paid);
    }
}
