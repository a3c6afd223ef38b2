// The connected account, shared by every page: connected once in the header, used by any form that signs.
import type { ReactNode } from "react";
import { createContext, useContext, useMemo, useState } from "react";
import type { ConnectedWallet } from "./wallet.ts";

interface WalletState {
  wallet: ConnectedWallet | null;
  setWallet: (wallet: ConnectedWallet | null) => void;
}

const WalletContext = createContext<WalletState>({ wallet: null, setWallet: () => {} });

export function WalletProvider({ children }: { children: ReactNode }) {
  const [wallet, setWallet] = useState<ConnectedWallet | null>(null);
  const value = useMemo(() => ({ wallet, setWallet }), [wallet]);
  return <WalletContext.Provider value={value}>{children}</WalletContext.Provider>;
}

/** The connected account (null when none) and the setter the header's picker uses. */
export function useWallet(): WalletState {
  return useContext(WalletContext);
}
