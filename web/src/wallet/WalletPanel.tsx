// The header's account control: connect a browser wallet, or on the embedded chain pick a development
// account; shows the connected address and disconnects.
import { useState } from "react";
import { useGuild } from "../api/GuildContext.tsx";
import { shortAddress } from "../format.ts";
import { useWallet } from "./WalletContext.tsx";
import { connectDevAccount, connectInjected, DEV_ACCOUNT_COUNT } from "./wallet.ts";

export function WalletPanel() {
  const { data: guild } = useGuild();
  const { wallet, setWallet } = useWallet();
  const [devIndex, setDevIndex] = useState(1);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (wallet !== null) {
    return (
      <div className="wallet" aria-live="polite">
        <span className="wallet-address" title={wallet.address}>
          <span className={wallet.kind === "dev" ? "badge badge-warn" : "badge"}>{wallet.label}</span>{" "}
          <code data-testid="connected-address">{shortAddress(wallet.address)}</code>
        </span>
        <button type="button" onClick={() => setWallet(null)}>
          Disconnect
        </button>
      </div>
    );
  }
  if (guild === undefined) return null;

  const connect = async () => {
    setBusy(true);
    setProblem(null);
    try {
      setWallet(await connectInjected(guild.chainId));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="wallet">
      {window.ethereum !== undefined && (
        <button type="button" onClick={connect} disabled={busy}>
          Connect wallet
        </button>
      )}
      {guild.chain === "embedded" && (
        <span className="dev-picker">
          <label>
            <span className="dev-label">development account — embedded chain only</span>
            <select value={devIndex} onChange={(e) => setDevIndex(Number(e.target.value))}>
              {Array.from({ length: DEV_ACCOUNT_COUNT }, (_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the index is the account
                <option key={i} value={i}>
                  dev account {i}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => setWallet(connectDevAccount(guild.chainId, devIndex))}>
            Use development account
          </button>
        </span>
      )}
      {window.ethereum === undefined && guild.chain !== "embedded" && (
        <span className="muted">Install a browser wallet to sign.</span>
      )}
      {problem !== null && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </div>
  );
}
