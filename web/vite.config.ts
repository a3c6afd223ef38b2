// Builds the dashboard into web/dist (served by the node through serveDashboard); `vite web` serves it
// for development with /v1 proxied to a node started with `guild up` ($GUILD_API, default port 7450).
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  root: import.meta.dirname,
  base: "/",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // The contract ABIs make one large chunk; splitting it would only add requests on a local node.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    host: "127.0.0.1",
    proxy: { "/v1": process.env.GUILD_API ?? "http://127.0.0.1:7450" },
  },
});
