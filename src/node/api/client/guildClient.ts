// A typed client of a node's HTTP API, for the dashboard and scripts: one method per route, returning the
// types the handlers send. Only fetch, no node: import (type-only imports aside), so it runs in a browser.
import type { SignedIdentityClaim } from "../../../core/contribution/identityClaim.ts";
import type { SignedSubmission } from "../../../core/contribution/submissionTypedData.ts";
import type { SignedDispute } from "../../../core/disputes/dispute.ts";
import type { SignedEndorsement } from "../../../core/endorsements/endorsement.ts";
import { GuildError } from "../../../core/errors.ts";
import type { SignedSpotCheck } from "../../../core/jurors/spotCheck.ts";
import type {
  AccountClaim,
  Address,
  ApiErrorBody,
  AuthNonce,
  ContributionDetail,
  ContributionDisputes,
  ContributionEndorsements,
  ContributionKind,
  ContributionSummary,
  DisputeView,
  EndorsementView,
  EpochDisputePage,
  EpochReportView,
  EpochRunView,
  EpochView,
  FairnessSeries,
  GuildOverview,
  Hex,
  IdentityClaimResult,
  JsonRpcRequest,
  JsonRpcResponse,
  JurorAnswerResult,
  OperatorView,
  Page,
  PayoutPage,
  ProposalView,
  SessionView,
  SignedOut,
  SpotCheckList,
  SubmittedContribution,
} from "../apiTypes.ts";

/** The node answered with an error (its code, message and details), or could not be reached (status 0). */
export class GuildApiError extends GuildError {
  /** The HTTP status; 0 when no answer came. */
  readonly status: number;
  /** The API's error code (`InvalidEpochId`, `RateLimited`, …), `Unreachable` or `InvalidResponse`. */
  readonly code: string;

  constructor(status: number, body: ApiErrorBody, options?: ErrorOptions) {
    super(body.message, body.details ?? {}, options);
    this.status = status;
    this.code = body.code;
  }
}

/** A page to ask for: how many items, and the cursor the previous page returned. */
export interface PageQuery {
  limit?: number;
  cursor?: string;
}

/** Filters of the contributions list (all optional; combined with AND). */
export interface ContributionQuery extends PageQuery {
  epoch?: number;
  contributor?: Address;
  kind?: ContributionKind;
}

export interface GuildClientOptions {
  /** The node's origin (`http://127.0.0.1:7450`); empty (the default) for the page's own origin. */
  baseUrl?: string;
  /** The fetch to use (the global one by default; tests pass the app's `request`). */
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
  /** Whether the session cookie goes with requests: `same-origin` (default), or `include` across origins. */
  credentials?: Credentials;
}

type Credentials = NonNullable<RequestInit["credentials"]>;

type Query = Readonly<Record<string, string | number | boolean | undefined>>;

/** The node's API, typed. Every method throws GuildApiError for an error answer or no answer. */
export class GuildClient {
  private readonly baseUrl: string;
  private readonly fetcher: (input: string, init?: RequestInit) => Promise<Response>;
  private readonly credentials: Credentials;

  constructor(options: GuildClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? "").replace(/\/+$/, "");
    this.fetcher = options.fetch ?? ((input, init) => fetch(input, init));
    this.credentials = options.credentials ?? "same-origin";
  }

  /** GET /v1/guild */
  guild(): Promise<GuildOverview> {
    return this.get("/v1/guild");
  }

  /** GET /v1/epochs */
  epochs(page: PageQuery = {}): Promise<Page<EpochView>> {
    return this.get("/v1/epochs", { ...page });
  }

  /** GET /v1/epochs/{id} */
  epoch(id: number): Promise<EpochView> {
    return this.get(`/v1/epochs/${id}`);
  }

  /** GET /v1/epochs/{id}/report: the report summary. */
  epochReport(id: number): Promise<EpochReportView> {
    return this.get(`/v1/epochs/${id}/report`);
  }

  /** GET /v1/epochs/{id}/report?full=1: the whole report file (its keccak256 is the report hash). */
  epochReportFile(id: number): Promise<Record<string, unknown>> {
    return this.get(`/v1/epochs/${id}/report`, { full: 1 });
  }

  /** GET /v1/epochs/{id}/payouts */
  epochPayouts(id: number, page: PageQuery = {}): Promise<PayoutPage> {
    return this.get(`/v1/epochs/${id}/payouts`, { ...page });
  }

  /** GET /v1/contributions */
  contributions(query: ContributionQuery = {}): Promise<Page<ContributionSummary>> {
    return this.get("/v1/contributions", { ...query });
  }

  /** GET /v1/contributions/{id} */
  contribution(id: Hex): Promise<ContributionDetail> {
    return this.get(`/v1/contributions/${id}`);
  }

  /** POST /v1/contributions: a submission signed by its contributor. */
  submitContribution(submission: SignedSubmission): Promise<SubmittedContribution> {
    return this.send("POST", "/v1/contributions", submission);
  }

  /** POST /v1/identity-claims: an identity claim signed by its address. */
  submitIdentityClaim(claim: SignedIdentityClaim): Promise<IdentityClaimResult> {
    return this.send("POST", "/v1/identity-claims", claim);
  }

  /** GET /v1/spot-checks: the pairs a juror is asked next. */
  spotChecks(query: { juror: Address; epoch?: number; count?: number }): Promise<SpotCheckList> {
    return this.get("/v1/spot-checks", { ...query });
  }

  /** POST /v1/juror-answers: a spot-check answer signed by its juror. */
  submitJurorAnswer(answer: SignedSpotCheck): Promise<JurorAnswerResult> {
    return this.send("POST", "/v1/juror-answers", answer);
  }

  /** POST /v1/disputes: a dispute of a verdict, signed by the contribution's contributor. */
  submitDispute(dispute: SignedDispute): Promise<DisputeView> {
    return this.send("POST", "/v1/disputes", dispute);
  }

  /** GET /v1/contributions/{id}/disputes */
  contributionDisputes(id: Hex): Promise<ContributionDisputes> {
    return this.get(`/v1/contributions/${id}/disputes`);
  }

  /** GET /v1/epochs/{id}/disputes: the epoch's dispute counts and a page of its disputes. */
  epochDisputes(id: number, page: PageQuery = {}): Promise<EpochDisputePage> {
    return this.get(`/v1/epochs/${id}/disputes`, { ...page });
  }

  /** POST /v1/endorsements: a member's endorsement of someone else's contribution in an open epoch. */
  submitEndorsement(endorsement: SignedEndorsement): Promise<EndorsementView> {
    return this.send("POST", "/v1/endorsements", endorsement);
  }

  /** GET /v1/contributions/{id}/endorsements */
  contributionEndorsements(id: Hex): Promise<ContributionEndorsements> {
    return this.get(`/v1/contributions/${id}/endorsements`);
  }

  /** GET /v1/accounts/{address}/claim */
  accountClaim(address: Address): Promise<AccountClaim> {
    return this.get(`/v1/accounts/${address}/claim`);
  }

  /** GET /v1/proposals */
  proposals(page: PageQuery = {}): Promise<Page<ProposalView>> {
    return this.get("/v1/proposals", { ...page });
  }

  /** GET /v1/fairness */
  fairness(): Promise<FairnessSeries> {
    return this.get("/v1/fairness");
  }

  /** GET /v1/openapi.json */
  openApi(): Promise<Record<string, unknown>> {
    return this.get("/v1/openapi.json");
  }

  /** GET /v1/auth/nonce: a nonce for the Sign-In with Ethereum message. */
  authNonce(): Promise<AuthNonce> {
    return this.get("/v1/auth/nonce");
  }

  /** POST /v1/auth/verify: signs in with the signed message; the node sets the session cookie. */
  signIn(message: string, signature: Hex): Promise<SessionView> {
    return this.send("POST", "/v1/auth/verify", { message, signature });
  }

  /** GET /v1/auth/me */
  me(): Promise<SessionView> {
    return this.get("/v1/auth/me");
  }

  /** POST /v1/auth/logout */
  signOut(): Promise<SignedOut> {
    return this.send("POST", "/v1/auth/logout");
  }

  /** GET /v1/operator: who may run epochs, and the node's latest run. */
  operator(): Promise<OperatorView> {
    return this.get("/v1/operator");
  }

  /** POST /v1/epochs/{id}/run: starts closing, assessing, allocating and proposing (signed in as operator). */
  runEpoch(id: number): Promise<EpochRunView> {
    return this.send("POST", `/v1/epochs/${id}/run`, {});
  }

  /** POST /v1/epochs/{id}/finalize; `passChallengeWindow` on the embedded chain only (a development aid). */
  finalizeEpoch(id: number, options: { passChallengeWindow?: boolean } = {}): Promise<EpochRunView> {
    return this.send("POST", `/v1/epochs/${id}/finalize`, options);
  }

  /** POST /v1/chain: JSON-RPC to the embedded chain (a call, or a batch). Errors of calls come as answers. */
  chainRpc(request: JsonRpcRequest): Promise<JsonRpcResponse>;
  chainRpc(batch: JsonRpcRequest[]): Promise<JsonRpcResponse[]>;
  chainRpc(body: JsonRpcRequest | JsonRpcRequest[]): Promise<JsonRpcResponse | JsonRpcResponse[]> {
    return this.send("POST", "/v1/chain", body);
  }

  private get<T>(path: string, query: Query = {}): Promise<T> {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, String(value));
    const text = search.toString();
    return this.send("GET", text === "" ? path : `${path}?${text}`);
  }

  private async send<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
    const init: RequestInit = {
      method,
      credentials: this.credentials,
      headers: { accept: "application/json" },
    };
    if (body !== undefined) {
      init.headers = { accept: "application/json", "content-type": "application/json" };
      init.body = JSON.stringify(body);
    }
    let response: Response;
    try {
      response = await this.fetcher(`${this.baseUrl}${path}`, init);
    } catch (cause) {
      throw new GuildApiError(
        0,
        { code: "Unreachable", message: `the node at ${this.baseUrl || "this origin"} did not answer` },
        { cause },
      );
    }
    let parsed: unknown;
    try {
      parsed = await response.json();
    } catch (cause) {
      throw new GuildApiError(
        response.status,
        { code: "InvalidResponse", message: `the node answered ${response.status} without JSON` },
        { cause },
      );
    }
    if (!response.ok) {
      const error = parsed as Partial<ApiErrorBody> | null;
      throw new GuildApiError(response.status, {
        code: typeof error?.code === "string" ? error.code : "InvalidResponse",
        message: typeof error?.message === "string" ? error.message : `the node answered ${response.status}`,
        ...(error?.details === undefined ? {} : { details: error.details }),
      });
    }
    return parsed as T;
  }
}
