// The dashboard's frame: header with navigation and the account control, and the page the path names.
import type { ReactNode } from "react";
import { GuildProvider } from "./api/GuildContext.tsx";
import { ClaimPage } from "./pages/ClaimPage.tsx";
import { ContributionPage } from "./pages/ContributionPage.tsx";
import { ContributionsPage } from "./pages/ContributionsPage.tsx";
import { EpochReportPage } from "./pages/EpochReportPage.tsx";
import { EpochsPage } from "./pages/EpochsPage.tsx";
import { GovernancePage } from "./pages/GovernancePage.tsx";
import { JurorsPage } from "./pages/JurorsPage.tsx";
import { NotFoundPage } from "./pages/NotFoundPage.tsx";
import { OverviewPage } from "./pages/OverviewPage.tsx";
import { Link } from "./router/Link.tsx";
import { useRoute } from "./router/useRoute.ts";
import { WalletProvider } from "./wallet/WalletContext.tsx";
import { WalletPanel } from "./wallet/WalletPanel.tsx";

const NAV: readonly { to: string; label: string }[] = [
  { to: "/", label: "Overview" },
  { to: "/contributions", label: "Contributions" },
  { to: "/epochs", label: "Epochs" },
  { to: "/claim", label: "Claim" },
  { to: "/jurors", label: "Jurors" },
  { to: "/governance", label: "Governance" },
];

/** The page for a path. */
function pageFor(path: string): ReactNode {
  if (path === "/") return <OverviewPage />;
  if (path === "/contributions") return <ContributionsPage />;
  const contribution = /^\/contributions\/(0x[0-9a-fA-F]{64})$/.exec(path);
  if (contribution !== null) return <ContributionPage id={contribution[1] as string} />;
  if (path === "/epochs") return <EpochsPage />;
  const epoch = /^\/epochs\/([1-9]\d{0,8})$/.exec(path);
  if (epoch !== null) return <EpochReportPage key={epoch[1]} id={Number(epoch[1])} />;
  if (path === "/claim") return <ClaimPage />;
  if (path === "/jurors") return <JurorsPage />;
  if (path === "/governance") return <GovernancePage />;
  return <NotFoundPage path={path} />;
}

export function App() {
  const { path } = useRoute();
  const section = `/${path.split("/")[1] ?? ""}`;
  return (
    <GuildProvider>
      <WalletProvider>
        <a className="skip" href="#main">
          Skip to content
        </a>
        <header className="top">
          <Link to="/" className="brand">
            Guild
          </Link>
          <nav aria-label="Main">
            <ul>
              {NAV.map((item) => (
                <li key={item.to}>
                  <Link to={item.to} aria-current={section === item.to ? "page" : undefined}>
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <WalletPanel />
        </header>
        <main id="main">{pageFor(path)}</main>
      </WalletProvider>
    </GuildProvider>
  );
}
