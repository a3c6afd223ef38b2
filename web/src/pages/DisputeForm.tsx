// Disputes a verdict on the connected contributor's own work: a small form for the reason, which the
// wallet signs as an EIP-712 Dispute (it shows the contribution, the evaluator and the reason) and the
// node records once per verdict, while the epoch can still be vetoed.
import type { FormEvent } from "react";
import { useId, useState } from "react";
import type { Hex } from "viem";
import type { SignedDispute } from "../../../src/core/disputes/dispute.ts";
import { disputeTypedData, MAX_DISPUTE_REASON_LENGTH } from "../../../src/core/disputes/dispute.ts";
import type { DisputeView } from "../../../src/node/api/apiTypes.ts";
import { ApiRequestFailed, apiPost } from "../api/fetchApi.ts";
import { useGuild } from "../api/GuildContext.tsx";
import { formatTime } from "../format.ts";
import { randomNonce } from "../wallet/randomNonce.ts";
import { describeChainError } from "../wallet/sendContractCall.ts";
import { useWallet } from "../wallet/WalletContext.tsx";

/** The route that takes disputes (not in every node yet: without it the form says so). */
export const DISPUTES_PATH = "/v1/disputes";

/** How long a signed dispute stays valid: one hour of chain time. */
const DEADLINE_SECONDS = 3_600;

export function DisputeForm({
  contributionId,
  evaluator,
  filed,
  onFiled,
}: {
  contributionId: Hex;
  evaluator: string;
  /** The connected contributor's dispute of this verdict, once filed. */
  filed: DisputeView | undefined;
  onFiled: (dispute: DisputeView) => void;
}) {
  const { data: guild } = useGuild();
  const { wallet } = useWallet();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [status, setStatus] = useState<{ kind: "idle" | "busy" } | { kind: "failed"; message: string }>({
    kind: "idle",
  });
  const reasonId = useId();

  if (filed !== undefined) {
    return (
      <p role="status" className="ok">
        You disputed this verdict on {formatTime(filed.createdAt)}: jurors are asked about this work first,
        and voters see the dispute on the epoch's report.
      </p>
    );
  }
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        Dispute this verdict
      </button>
    );
  }

  const trimmed = reason.trim();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (guild === undefined || wallet === null) return;
    if (trimmed === "") {
      setStatus({ kind: "failed", message: "say why the verdict is wrong" });
      return;
    }
    setStatus({ kind: "busy" });
    try {
      const fields = {
        contributionId,
        evaluator,
        // Trimmed before signing: what is signed is what the node stores.
        reason: trimmed,
        nonce: randomNonce(),
        deadline: guild.chainTime + DEADLINE_SECONDS,
      };
      const typedData = disputeTypedData(wallet.address, fields, {
        chainId: guild.chainId,
        verifyingContract: guild.contracts.token,
      });
      const signature = await wallet.walletClient.signTypedData({
        ...typedData,
        account: wallet.walletClient.account,
      });
      const signed: SignedDispute = {
        ...fields,
        disputant: wallet.address,
        nonce: fields.nonce.toString(),
        signature,
      };
      const dispute = await apiPost<DisputeView>(DISPUTES_PATH, signed);
      setStatus({ kind: "idle" });
      setOpen(false);
      onFiled(dispute);
    } catch (error) {
      const message =
        error instanceof ApiRequestFailed
          ? error.routeMissing
            ? "this node does not take disputes yet"
            : `${error.message} (${error.code})`
          : describeChainError(error);
      setStatus({ kind: "failed", message });
    }
  };

  return (
    <form onSubmit={submit} className="stacked" aria-label={`Dispute the verdict by ${evaluator}`}>
      <fieldset disabled={status.kind === "busy"}>
        <label htmlFor={reasonId}>Why is this verdict wrong?</label>
        <textarea
          id={reasonId}
          name="reason"
          rows={4}
          required
          maxLength={MAX_DISPUTE_REASON_LENGTH}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-describedby={`${reasonId}-help`}
        />
        <small id={`${reasonId}-help`} className="muted">
          Signed by your wallet and shown to everyone with your address; {[...trimmed].length} of{" "}
          {MAX_DISPUTE_REASON_LENGTH} characters.
        </small>
        <div className="actions">
          <button type="submit" className="primary">
            Sign and file dispute
          </button>
          <button
            type="button"
            onClick={() => {
              setOpen(false);
              setStatus({ kind: "idle" });
            }}
          >
            Cancel
          </button>
        </div>
      </fieldset>
      {status.kind === "busy" && <p className="muted">Waiting for the signature…</p>}
      {status.kind === "failed" && (
        <p role="alert" className="error">
          Dispute not filed: {status.message}
        </p>
      )}
    </form>
  );
}
