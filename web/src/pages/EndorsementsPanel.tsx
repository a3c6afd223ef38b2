// Who endorsed a contribution, and for a connected member, endorsing it: the wallet signs an EIP-712
// Endorsement (it shows the contribution) and the node records it once, while the epoch is open.
import { useState } from "react";
import type { Hex } from "viem";
import type { SignedEndorsement } from "../../../src/core/endorsements/endorsement.ts";
import { endorsementTypedData } from "../../../src/core/endorsements/endorsement.ts";
import type { ContributionEndorsements, EndorsementView } from "../../../src/node/api/apiTypes.ts";
import { ApiRequestFailed, apiPost } from "../api/fetchApi.ts";
import { useGuild } from "../api/GuildContext.tsx";
import { useApi } from "../api/useApi.ts";
import { randomNonce } from "../wallet/randomNonce.ts";
import { describeChainError } from "../wallet/sendContractCall.ts";
import { useWallet } from "../wallet/WalletContext.tsx";

/** How long a signed endorsement stays valid: one hour of chain time. */
const DEADLINE_SECONDS = 3_600;

export function EndorsementsPanel({ contributionId, own }: { contributionId: Hex; own: boolean }) {
  const { data: guild } = useGuild();
  const { wallet } = useWallet();
  const loaded = useApi<ContributionEndorsements>(`/v1/contributions/${contributionId}/endorsements`);
  // Given from this page, shown before the list is read again.
  const [given, setGiven] = useState<EndorsementView | undefined>();
  const [status, setStatus] = useState<{ kind: "idle" | "busy" } | { kind: "failed"; message: string }>({
    kind: "idle",
  });
  const items = [
    ...(loaded.data?.items ?? []),
    ...(given !== undefined && !(loaded.data?.items ?? []).some((e) => e.id === given.id) ? [given] : []),
  ];
  const mine = items.find((e) => e.endorser.toLowerCase() === wallet?.address.toLowerCase());

  const endorse = async () => {
    if (guild === undefined || wallet === null) return;
    setStatus({ kind: "busy" });
    try {
      const fields = { contributionId, nonce: randomNonce(), deadline: guild.chainTime + DEADLINE_SECONDS };
      const signature = await wallet.walletClient.signTypedData({
        ...endorsementTypedData(wallet.address, fields, {
          chainId: guild.chainId,
          verifyingContract: guild.contracts.token,
        }),
        account: wallet.walletClient.account,
      });
      const signed: SignedEndorsement = {
        ...fields,
        endorser: wallet.address,
        nonce: fields.nonce.toString(),
        signature,
      };
      setGiven(await apiPost<EndorsementView>("/v1/endorsements", signed));
      setStatus({ kind: "idle" });
      loaded.reload();
    } catch (error) {
      const message =
        error instanceof ApiRequestFailed ? `${error.message} (${error.code})` : describeChainError(error);
      setStatus({ kind: "failed", message });
    }
  };

  if (loaded.data === undefined) return null;
  const open = loaded.data.open;
  return (
    <section aria-label="Endorsements">
      <h2>Endorsements</h2>
      <p data-testid="endorsement-count">
        {items.length === 0
          ? "No member has endorsed this work."
          : `${items.length === 1 ? "1 member" : `${items.length} members`} endorsed this work.`}{" "}
        {open
          ? "Members may endorse it until its epoch closes; each member's support is shared among what they endorse."
          : "Its epoch has closed, fixing its endorsements."}
      </p>
      {items.length > 0 && (
        <ul aria-label="Endorsers">
          {items.map((e) => (
            <li key={e.id}>
              <code>{e.endorser}</code>
            </li>
          ))}
        </ul>
      )}
      {mine !== undefined ? (
        <p role="status" className="ok">
          You endorsed this work.
        </p>
      ) : (
        open &&
        wallet !== null &&
        !own && (
          <button type="button" onClick={endorse} disabled={status.kind === "busy"}>
            Endorse this work
          </button>
        )
      )}
      {status.kind === "busy" && <p className="muted">Waiting for the signature…</p>}
      {status.kind === "failed" && (
        <p role="alert" className="error">
          Not endorsed: {status.message}
        </p>
      )}
    </section>
  );
}
