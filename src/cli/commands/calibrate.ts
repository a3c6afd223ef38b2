// `guild calibrate`: fits the rubric's and the ensemble's weights to the jurors' spot checks and proposes them.
import { parseArgs } from "node:util";
import { encodeFunctionData } from "viem";
import { GuildConfig } from "../../chain/contracts.generated.ts";
import { propose } from "../../chain/governance.ts";
import type { Agreement } from "../../node/calibrateAssessment.ts";
import { calibrateAssessment } from "../../node/calibrateAssessment.ts";
import { publishAssessment, publishedAssessmentUri } from "../../node/publishedAssessments.ts";
import { GLOBAL_OPTIONS, globalOptions } from "../context.ts";
import type { Output } from "../output.ts";
import { renderTable } from "../table.ts";
import { withNode } from "./epoch.ts";
import { InvalidArgument } from "./init.ts";

export const calibrateHelp = `guild calibrate [--folds <k>] [--dry-run]

Fits the rubric's criterion weights, then (with several evaluators) the ensemble's weights over them, to
every juror answer in the store (guild juror answer), reports how
well the current and the calibrated weights agree with jurors held out of the fit (cross-validated by
juror, k folds, default 5: pairwise accuracy, Spearman and Kendall of predicted vs stated log-ratios),
and proposes the calibrated configuration to governance: it is written to
<data-dir>/assessment-configs/<hash>.json and a proposal to set GuildConfig's assessment config to that
hash is made with your key. Nothing changes until the proposal passes and is executed; the node then
runs the new weights from the next epoch it closes. --dry-run only reports.`;

export async function calibrateCommand(argv: string[], out: Output): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { ...GLOBAL_OPTIONS, folds: { type: "string" }, "dry-run": { type: "boolean", default: false } },
  });
  const options = globalOptions(values);
  if (values.folds !== undefined && !/^([2-9]|[1-9]\d)$/.test(values.folds)) {
    throw new InvalidArgument(`--folds takes a number from 2 to 99, got "${values.folds}"`, {
      folds: values.folds,
    });
  }
  const folds = values.folds === undefined ? 5 : Number(values.folds);
  await withNode(options, async (ctx) => {
    const calibration = await calibrateAssessment(ctx, { folds });
    let proposal: { id: string; description: string; configPath: string } | undefined;
    if (values["dry-run"] !== true) {
      const hash = publishAssessment(ctx.dataDir, calibration.config);
      const changes = [...calibration.criteria, ...calibration.evaluators]
        .filter((c) => c.currentBps !== c.calibratedBps)
        .map((c) => `${c.id} ${c.currentBps} → ${c.calibratedBps} bps`)
        .join(", ");
      const agreementText =
        calibration.heldOut === undefined
          ? "too few jurors to hold any out"
          : `pairwise accuracy on held-out jurors ${calibration.heldOut.current.accuracy} → ${calibration.heldOut.calibrated.accuracy}`;
      const description = `Calibrate the rubric to ${calibration.pairs} juror comparisons: set GuildConfig's assessment config to ${hash} (${changes || "no weight changes"}); ${agreementText}.`;
      const made = await propose(
        ctx.chain.publicClient,
        ctx.chain.walletClient,
        ctx.manifest.contracts.governor,
        [
          {
            target: ctx.manifest.contracts.config,
            value: 0n,
            data: encodeFunctionData({
              abi: GuildConfig.abi,
              functionName: "setAssessmentConfig",
              args: [hash, publishedAssessmentUri(hash)],
            }),
          },
        ],
        description,
      );
      proposal = {
        id: made.id.toString(),
        description,
        configPath: `${ctx.dataDir}/assessment-configs/${hash}.json`,
      };
    }
    const { config: _config, ...report } = calibration;
    out.result({ ...report, proposal }, () => {
      out.line(
        `Calibrated to ${calibration.pairs} comparison(s) by ${calibration.jurors} juror(s) of ${calibration.contributions} contribution(s)`,
      );
      out.line();
      out.line(
        renderTable(
          [
            { header: "criterion", value: (c: (typeof calibration.criteria)[number]) => c.id },
            { header: "current bps", value: (c) => String(c.currentBps), align: "right" },
            { header: "calibrated bps", value: (c) => String(c.calibratedBps), align: "right" },
          ],
          calibration.criteria,
        ),
      );
      if (calibration.evaluators.length > 1) {
        out.line();
        out.line(
          renderTable(
            [
              { header: "evaluator", value: (e: (typeof calibration.evaluators)[number]) => e.id },
              { header: "current bps", value: (e) => String(e.currentBps), align: "right" },
              { header: "calibrated bps", value: (e) => String(e.calibratedBps), align: "right" },
            ],
            calibration.evaluators,
          ),
        );
      }
      out.line();
      const rows: { name: string; a: Agreement }[] = [
        { name: "in sample, current", a: calibration.inSample.current },
        { name: "in sample, calibrated", a: calibration.inSample.calibrated },
      ];
      if (calibration.heldOut !== undefined) {
        rows.push(
          {
            name: `held-out jurors (${calibration.heldOut.folds} folds), current`,
            a: calibration.heldOut.current,
          },
          {
            name: `held-out jurors (${calibration.heldOut.folds} folds), calibrated`,
            a: calibration.heldOut.calibrated,
          },
        );
      }
      out.line(
        renderTable(
          [
            { header: "agreement with jurors", value: (r: (typeof rows)[number]) => r.name },
            { header: "pairs", value: (r) => String(r.a.pairs), align: "right" },
            { header: "accuracy", value: (r) => r.a.accuracy.toFixed(3), align: "right" },
            { header: "Spearman", value: (r) => r.a.spearman.toFixed(3), align: "right" },
            { header: "Kendall", value: (r) => r.a.kendall.toFixed(3), align: "right" },
          ],
          rows,
        ),
      );
      if (calibration.heldOut === undefined) out.line("(fewer than 2 jurors: none can be held out)");
      out.line();
      if (proposal === undefined) {
        out.line(`Dry run: nothing proposed (configuration hash ${calibration.configHash}).`);
      } else {
        out.line(`Proposed to governance: proposal ${proposal.id}`);
        out.line(`  ${proposal.description}`);
        out.line(`  configuration: ${proposal.configPath}`);
      }
    });
  });
}
