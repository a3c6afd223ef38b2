// The `guild` command: dispatches to one file per command and turns errors into short messages.
import { allocateCommand, allocateHelp } from "./commands/allocate.ts";
import { calibrateCommand, calibrateHelp } from "./commands/calibrate.ts";
import { claimCommand, claimHelp } from "./commands/claim.ts";
import { demoCommand, demoHelp } from "./commands/demo.ts";
import { disputeCommand, disputeHelp } from "./commands/dispute.ts";
import { endorseCommand, endorseHelp } from "./commands/endorse.ts";
import { epochCommand, epochHelp } from "./commands/epoch.ts";
import { importCommand, importHelp } from "./commands/importCmd.ts";
import { initCommand, initHelp } from "./commands/init.ts";
import { jurorCommand, jurorHelp } from "./commands/juror.ts";
import { reportCommand, reportHelp } from "./commands/report.ts";
import { statusCommand, statusHelp } from "./commands/status.ts";
import { submitCommand, submitHelp } from "./commands/submit.ts";
import { upCommand, upHelp } from "./commands/up.ts";
import { verifyCommand, verifyHelp } from "./commands/verify.ts";
import { createOutput, printError } from "./output.ts";

const commands: Record<
  string,
  { run: (argv: string[], out: ReturnType<typeof createOutput>) => Promise<void>; help: string }
> = {
  demo: { run: demoCommand, help: demoHelp },
  init: { run: initCommand, help: initHelp },
  status: { run: statusCommand, help: statusHelp },
  import: { run: importCommand, help: importHelp },
  submit: { run: submitCommand, help: submitHelp },
  epoch: { run: epochCommand, help: epochHelp },
  report: { run: reportCommand, help: reportHelp },
  claim: { run: claimCommand, help: claimHelp },
  verify: { run: verifyCommand, help: verifyHelp },
  juror: { run: jurorCommand, help: jurorHelp },
  dispute: { run: disputeCommand, help: disputeHelp },
  endorse: { run: endorseCommand, help: endorseHelp },
  calibrate: { run: calibrateCommand, help: calibrateHelp },
  allocate: { run: allocateCommand, help: allocateHelp },
  up: { run: upCommand, help: upHelp },
};

const usage = `guild <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(8)} ${c.help.split("\n")[2] ?? ""}`)
  .join("\n")}

Options for every command:
  --data-dir <dir>   where the guild's state lives (default ./.guild, or $GUILD_DATA_DIR)
  --rpc-url <url>    use this EVM JSON-RPC endpoint instead of the embedded chain ($GUILD_RPC_URL);
                     the key comes from $GUILD_PRIVATE_KEY or --keystore <file> ($GUILD_KEYSTORE_PASSWORD)
  --json             print results as JSON
  --debug            print stack traces`;

// Output piped into a program that stops reading early (`| head`) is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const [name, ...rest] = process.argv.slice(2);
const debug = rest.includes("--debug");
const json = rest.includes("--json");
const command = name === undefined ? undefined : commands[name];
if (command === undefined) {
  if (name !== undefined && name !== "help" && name !== "--help" && name !== "-h") {
    process.stderr.write(`error: unknown command "${name}"\n\n`);
    process.stderr.write(`${usage}\n`);
    process.exitCode = 2;
  } else {
    process.stdout.write(`${usage}\n`);
  }
} else if (rest.includes("--help") || rest.includes("-h")) {
  process.stdout.write(`${command.help}\n`);
} else {
  try {
    await command.run(rest, createOutput(json, debug));
  } catch (error) {
    printError(error, debug);
    process.exitCode = 1;
  }
}
