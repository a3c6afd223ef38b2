// The errors the API answers with: every code it can return, its HTTP status and what it means (the
// OpenAPI document is written from this table), and ApiProblem, the error a handler throws to answer one.
import { GuildError } from "../../core/errors.ts";

/** Every error code the API returns, with its status and when. Domain errors keep their class name. */
export const API_ERRORS = {
  InvalidJson: { status: 400, description: "the request body is not JSON" },
  InvalidEpochId: { status: 400, description: "an epoch id is a whole number from 1" },
  InvalidContributionId: { status: 400, description: "a contribution id is 32 bytes of 0x-prefixed hex" },
  InvalidAddress: {
    status: 400,
    description: "an address is 20 bytes of 0x-prefixed hex (checksummed if mixed-case)",
  },
  InvalidLimit: { status: 400, description: "limit is a whole number within the route's range" },
  InvalidCursor: { status: 400, description: "the cursor is not one this route returned" },
  InvalidParameter: { status: 400, description: "a query parameter has a value the route does not take" },
  UnknownParameter: {
    status: 400,
    description: "a query parameter the route does not have, or one given twice",
  },
  InvalidSiweMessage: {
    status: 400,
    description: "the body is not {message, signature} with an EIP-4361 message",
  },
  InvalidEpochRunRequest: {
    status: 400,
    description: "the body is not {} (run) or {passChallengeWindow?: boolean} (finalize)",
  },
  ClockNeedsEmbeddedChain: {
    status: 400,
    description: "passing the challenge window moves the chain's clock: embedded chain only",
  },
  // validateSubmission's InvalidSubmission subclasses (src/core/contribution/submissionErrors.ts)
  SubmissionNotAnObject: { status: 400, description: "the submission is not a JSON object" },
  SubmissionFieldMissing: { status: 400, description: "a submission field is missing" },
  SubmissionFieldUnknown: { status: 400, description: "a submission field is not in the format" },
  SubmissionFieldMistyped: { status: 400, description: "a submission field has the wrong type" },
  UnknownContributionKind: { status: 400, description: "the kind is not a contribution kind" },
  SubmissionTitleEmpty: { status: 400, description: "the title is empty" },
  SubmissionTextTooLong: { status: 400, description: "the title or description is too long" },
  TooManyLinks: { status: 400, description: "more links than allowed" },
  LinkNotHttp: { status: 400, description: "a link is not http(s)" },
  TooManyMetrics: { status: 400, description: "more metrics than allowed" },
  EpochNotOpen: { status: 400, description: "the epoch named takes no contributions" },
  SubmissionExpired: { status: 400, description: "the submission's deadline has passed" },
  SubmissionSignatureMismatch: { status: 400, description: "the signature is not the contributor's" },
  InvalidIdentityClaim: {
    status: 400,
    description: "the identity claim is malformed or not signed by its address",
  },
  InvalidSpotCheck: {
    status: 400,
    description:
      "the spot-check answer is malformed, expired, not the juror's signature, about their own work or an epoch with no verdicts",
  },
  // validateDispute's and acceptDispute's InvalidDispute subclasses (src/core/disputes/disputeErrors.ts)
  DisputeFieldInvalid: {
    status: 400,
    description:
      "a dispute field is missing, unknown, mistyped, or the reason is empty, untrimmed or too long",
  },
  DisputeExpired: { status: 400, description: "the dispute's deadline has passed" },
  DisputeSignatureMismatch: {
    status: 400,
    description: "the signature is not the disputant's over this dispute",
  },
  DisputeUnknownVerdict: {
    status: 400,
    description:
      "no such contribution, or the evaluator gave no verdict on it (or its epoch is not assessed yet)",
  },
  // validateEndorsement's and acceptEndorsement's InvalidEndorsement subclasses (src/core/endorsements)
  EndorsementFieldInvalid: {
    status: 400,
    description: "an endorsement field is missing, unknown or mistyped",
  },
  EndorsementExpired: { status: 400, description: "the endorsement's deadline has passed" },
  EndorsementSignatureMismatch: {
    status: 400,
    description: "the signature is not the endorser's over this endorsement",
  },
  EndorsementUnknownContribution: { status: 400, description: "the endorsement names no contribution" },
  NotSignedIn: { status: 401, description: "no session: sign in with Ethereum first" },
  SiweDomainMismatch: { status: 401, description: "the message names another domain than this node's" },
  SiweUriMismatch: { status: 401, description: "the message's URI is not on this node's origin" },
  SiweChainMismatch: { status: 401, description: "the message names another chain than the guild's" },
  SiweNonceInvalid: { status: 401, description: "the nonce was not issued here, was used, or expired" },
  SiweMessageExpired: {
    status: 401,
    description: "the message's validity (expiration, not-before) excludes now",
  },
  SiweSignatureInvalid: { status: 401, description: "the signature is not the message's address's" },
  NotOperator: {
    status: 403,
    description: "the signed-in address is not the guild's operator or this node's account",
  },
  DisputeNotContributor: {
    status: 403,
    description: "only the contribution's contributor may dispute its verdicts",
  },
  EndorsementOwnWork: { status: 403, description: "no one endorses their own contribution" },
  EndorserNotMember: {
    status: 403,
    description: "the endorser holds no reputation: members, who earned it by paid work, endorse",
  },
  NotFound: { status: 404, description: "no such route" },
  NotEmbedded: {
    status: 404,
    description: "the chain is not embedded in the node: use the chain's own JSON-RPC endpoint",
  },
  UnknownEpoch: { status: 404, description: "no epoch with this id" },
  UnknownContribution: { status: 404, description: "no contribution with this id" },
  NoVerdicts: { status: 404, description: "the epoch (or every epoch) has no verdicts to check yet" },
  NoReport: { status: 404, description: "the epoch has no report yet (it is not allocated)" },
  ReportFileMissing: { status: 404, description: "the node's report file for the epoch is gone" },
  NonceAlreadyUsed: { status: 409, description: "the signed write's nonce was used before: a replay" },
  IdentityConflict: { status: 409, description: "the source's name is mapped to another address" },
  SpotCheckAlreadyAnswered: { status: 409, description: "the juror answered this pair before" },
  DisputeWindowClosed: {
    status: 409,
    description: "too late: the epoch is finalized, or its challenge window on chain has ended",
  },
  DisputeAlreadyFiled: {
    status: 409,
    description: "the disputant already disputed this evaluator's verdict on the contribution",
  },
  EndorsementWindowClosed: {
    status: 409,
    description: "too late: the contribution's epoch has closed, fixing its endorsements",
  },
  EndorsementAlreadyGiven: { status: 409, description: "the endorser already endorsed this contribution" },
  EpochBusy: { status: 409, description: "an epoch run is under way on this node: one at a time" },
  ChallengeWindowOpen: {
    status: 409,
    description: "the epoch's challenge window has not ended: it cannot be finalized yet",
  },
  BodyTooLarge: { status: 413, description: "the request body is larger than the node accepts" },
  UnsupportedMediaType: { status: 415, description: "the request body must be application/json" },
  RateLimited: { status: 429, description: "too many requests from this address or IP; see Retry-After" },
  Internal: { status: 500, description: "the node failed; nothing about why leaves it" },
  Unavailable: { status: 503, description: "the database is unreachable or busy; retry later" },
} as const satisfies Record<string, { status: number; description: string }>;

export type ApiErrorCode = keyof typeof API_ERRORS;

/** Codes any route may return. */
export const COMMON_ERRORS: readonly ApiErrorCode[] = ["RateLimited", "Internal", "Unavailable"];

/**
 * A request the API refuses: `code` (one of API_ERRORS) sets the status; the message and details are
 * returned as they are, so they must name only what the caller sent or may know.
 */
export class ApiProblem extends GuildError {
  readonly code: ApiErrorCode;
  readonly status: number;
  /** Extra response headers (Retry-After). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    code: ApiErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    super(message, details);
    this.code = code;
    this.status = API_ERRORS[code].status;
    this.headers = headers;
  }
}
