// The built-in signals evaluator against the adversarial suite.
import { SignalsEvaluator } from "../signals/signalsEvaluator.ts";
import { adversarialSuite } from "./adversarialSuite.ts";

adversarialSuite("SignalsEvaluator", () => new SignalsEvaluator(), {});
