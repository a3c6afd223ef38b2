// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title GuildConfig
/// @notice The governed parameters the Guild node reads at every epoch. Only the timelock (that is, a
/// passed governance proposal) can change them; every change emits an event and moves `configHash`,
/// which each epoch proposal must name so that the report records the rules it ran under.
/// @dev Storage is packed so that the settlement contract reads what it needs in few slots.
contract GuildConfig {
    /// @notice Everything the node needs, in one value; `configHash` is keccak256 of its ABI encoding.
    struct Params {
        uint48 epochLengthSeconds;
        uint128 budgetPerEpoch; // base units of GuildToken
        uint16 capBps; // per-recipient cap, in basis points of the epoch budget
        uint128 floorAmount; // payouts below this are rolled into the next epoch (base units)
        uint48 challengeWindowSeconds;
        uint48 claimExpirySeconds;
        uint8 replicationFactor;
        bytes32 assessmentConfigHash; // content hash of the rubric and evaluator configuration
        string assessmentConfigUri;
        bytes32[] approvedModels; // digests of the open-weights models the guild may use
        address node;
        address guardian; // may veto an epoch inside its challenge window; zero for none
    }

    /// @notice The caller is not the timelock.
    error GuildConfigUnauthorized(address caller);
    /// @notice A numeric parameter is outside its allowed range.
    error GuildConfigInvalidValue(bytes32 name, uint256 value);
    /// @notice An address parameter may not be zero.
    error GuildConfigZeroAddress(bytes32 name);
    /// @notice The model digest is already on the approved list.
    error GuildConfigModelAlreadyApproved(bytes32 digest);
    /// @notice The model digest is not on the approved list.
    error GuildConfigModelNotApproved(bytes32 digest);

    event UintParameterChanged(bytes32 indexed name, uint256 oldValue, uint256 newValue);
    event AddressParameterChanged(bytes32 indexed name, address oldValue, address newValue);
    event AssessmentConfigChanged(bytes32 oldHash, bytes32 newHash, string uri);
    event ModelApproved(bytes32 indexed digest);
    event ModelRevoked(bytes32 indexed digest);
    event ConfigHashChanged(bytes32 configHash);

    /// @notice The only account allowed to change parameters: the guild's TimelockController.
    address public immutable timelock;

    // slot: node + challenge window + claim expiry (read together by the settlement)
    address public node;
    uint48 public challengeWindowSeconds;
    uint48 public claimExpirySeconds;
    // slot
    uint128 public budgetPerEpoch;
    uint128 public floorAmount;
    // slot
    address public guardian;
    uint48 public epochLengthSeconds;
    uint16 public capBps;
    uint8 public replicationFactor;
    // slot
    bytes32 public configHash;
    bytes32 public assessmentConfigHash;
    string public assessmentConfigUri;
    bytes32[] private _approvedModels;
    mapping(bytes32 digest => uint256 indexPlusOne) private _modelIndex;

    modifier onlyTimelock() {
        if (msg.sender != timelock) revert GuildConfigUnauthorized(msg.sender);
        _;
    }

    /// @param timelock_ the TimelockController that owns this config
    /// @param initial the first parameters, checked as a later change would be
    constructor(address timelock_, Params memory initial) {
        if (timelock_ == address(0)) revert GuildConfigZeroAddress("timelock");
        timelock = timelock_;
        _setEpochLength(initial.epochLengthSeconds);
        _setBudget(initial.budgetPerEpoch);
        _setCap(initial.capBps);
        _setFloor(initial.floorAmount);
        _setChallengeWindow(initial.challengeWindowSeconds);
        _setClaimExpiry(initial.claimExpirySeconds);
        _setReplication(initial.replicationFactor);
        _setAssessment(initial.assessmentConfigHash, initial.assessmentConfigUri);
        for (uint256 i = 0; i < initial.approvedModels.length; ++i) {
            _approve(initial.approvedModels[i]);
        }
        _setNode(initial.node);
        _setGuardian(initial.guardian);
        _rehash();
    }

    // ---------------------------------------------------------------- reads

    /// @notice All parameters in one value.
    function params() public view returns (Params memory p) {
        p.epochLengthSeconds = epochLengthSeconds;
        p.budgetPerEpoch = budgetPerEpoch;
        p.capBps = capBps;
        p.floorAmount = floorAmount;
        p.challengeWindowSeconds = challengeWindowSeconds;
        p.claimExpirySeconds = claimExpirySeconds;
        p.replicationFactor = replicationFactor;
        p.assessmentConfigHash = assessmentConfigHash;
        p.assessmentConfigUri = assessmentConfigUri;
        p.approvedModels = _approvedModels;
        p.node = node;
        p.guardian = guardian;
    }

    /// @notice The digests of the approved models, in the order they were approved.
    function approvedModels() external view returns (bytes32[] memory) {
        return _approvedModels;
    }

    /// @notice Whether the model with this weights digest may be used by the guild.
    function isModelApproved(bytes32 digest) external view returns (bool) {
        return _modelIndex[digest] != 0;
    }

    // ---------------------------------------------------------------- governed writes

    function setEpochLength(uint48 seconds_) external onlyTimelock {
        _setEpochLength(seconds_);
        _rehash();
    }

    function setBudgetPerEpoch(uint128 amount) external onlyTimelock {
        _setBudget(amount);
        _rehash();
    }

    function setCapBps(uint16 bps) external onlyTimelock {
        _setCap(bps);
        _rehash();
    }

    function setFloorAmount(uint128 amount) external onlyTimelock {
        _setFloor(amount);
        _rehash();
    }

    function setChallengeWindow(uint48 seconds_) external onlyTimelock {
        _setChallengeWindow(seconds_);
        _rehash();
    }

    function setClaimExpiry(uint48 seconds_) external onlyTimelock {
        _setClaimExpiry(seconds_);
        _rehash();
    }

    function setReplicationFactor(uint8 factor) external onlyTimelock {
        _setReplication(factor);
        _rehash();
    }

    function setAssessmentConfig(bytes32 contentHash, string calldata uri) external onlyTimelock {
        _setAssessment(contentHash, uri);
        _rehash();
    }

    function approveModel(bytes32 digest) external onlyTimelock {
        _approve(digest);
        _rehash();
    }

    function revokeModel(bytes32 digest) external onlyTimelock {
        uint256 indexPlusOne = _modelIndex[digest];
        if (indexPlusOne == 0) revert GuildConfigModelNotApproved(digest);
        uint256 last = _approvedModels.length - 1;
        if (indexPlusOne - 1 != last) {
            bytes32 moved = _approvedModels[last];
            _approvedModels[indexPlusOne - 1] = moved;
            _modelIndex[moved] = indexPlusOne;
        }
        _approvedModels.pop();
        delete _modelIndex[digest];
        emit ModelRevoked(digest);
        _rehash();
    }

    function setNode(address node_) external onlyTimelock {
        _setNode(node_);
        _rehash();
    }

    function setGuardian(address guardian_) external onlyTimelock {
        _setGuardian(guardian_);
        _rehash();
    }

    // ---------------------------------------------------------------- internals

    function _setEpochLength(uint48 v) private {
        if (v == 0) revert GuildConfigInvalidValue("epochLengthSeconds", v);
        emit UintParameterChanged("epochLengthSeconds", epochLengthSeconds, v);
        epochLengthSeconds = v;
    }

    function _setBudget(uint128 v) private {
        // GuildToken keeps balances in 128 bits; an epoch budget above 2^112 could not be recorded.
        if (v == 0 || v > type(uint112).max) revert GuildConfigInvalidValue("budgetPerEpoch", v);
        emit UintParameterChanged("budgetPerEpoch", budgetPerEpoch, v);
        budgetPerEpoch = v;
    }

    function _setCap(uint16 v) private {
        if (v == 0 || v > 10_000) revert GuildConfigInvalidValue("capBps", v);
        emit UintParameterChanged("capBps", capBps, v);
        capBps = v;
    }

    function _setFloor(uint128 v) private {
        emit UintParameterChanged("floorAmount", floorAmount, v);
        floorAmount = v;
    }

    function _setChallengeWindow(uint48 v) private {
        if (v == 0) revert GuildConfigInvalidValue("challengeWindowSeconds", v);
        emit UintParameterChanged("challengeWindowSeconds", challengeWindowSeconds, v);
        challengeWindowSeconds = v;
    }

    function _setClaimExpiry(uint48 v) private {
        if (v == 0) revert GuildConfigInvalidValue("claimExpirySeconds", v);
        emit UintParameterChanged("claimExpirySeconds", claimExpirySeconds, v);
        claimExpirySeconds = v;
    }

    function _setReplication(uint8 v) private {
        if (v == 0) revert GuildConfigInvalidValue("replicationFactor", v);
        emit UintParameterChanged("replicationFactor", replicationFactor, v);
        replicationFactor = v;
    }

    function _setAssessment(bytes32 contentHash, string memory uri) private {
        if (contentHash == bytes32(0)) revert GuildConfigInvalidValue("assessmentConfigHash", 0);
        emit AssessmentConfigChanged(assessmentConfigHash, contentHash, uri);
        assessmentConfigHash = contentHash;
        assessmentConfigUri = uri;
    }

    function _approve(bytes32 digest) private {
        if (digest == bytes32(0)) revert GuildConfigInvalidValue("modelDigest", 0);
        if (_modelIndex[digest] != 0) revert GuildConfigModelAlreadyApproved(digest);
        _approvedModels.push(digest);
        _modelIndex[digest] = _approvedModels.length;
        emit ModelApproved(digest);
    }

    function _setNode(address v) private {
        if (v == address(0)) revert GuildConfigZeroAddress("node");
        emit AddressParameterChanged("node", node, v);
        node = v;
    }

    function _setGuardian(address v) private {
        emit AddressParameterChanged("guardian", guardian, v);
        guardian = v;
    }

    function _rehash() private {
        bytes32 h = keccak256(abi.encode(params()));
        configHash = h;
        emit ConfigHashChanged(h);
    }
}
