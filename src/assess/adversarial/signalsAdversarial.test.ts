// The built-in signals evaluator against the adversarial suite.
import { SignalsEvaluator } from "../signals/signalsEvaluator.ts";
import { adversarialSuite } from "./adversarialSuite.ts";

adversarialSuite("SignalsEvaluator", () => new SignalsEvaluator(), {
  // The signals model counts; it cannot tell a true metric from a plausible false one (see
  // src/assess/signals/README.md).
  knownMisses: ["metrics-plausible-inflation"],
});
