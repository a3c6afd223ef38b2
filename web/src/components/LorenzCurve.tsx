// The Lorenz curve of a distribution in plain SVG: the share of the total held by the poorest share of
// holders, against the diagonal of perfect equality. The farther below the diagonal, the more unequal.

interface LorenzCurveProps {
  title: string;
  points: readonly { holdersPpm: number; amountPpm: number }[];
}

const SIZE = 200;
const PAD = 24;

export function LorenzCurve({ title, points }: LorenzCurveProps) {
  const scale = (ppm: number) => (ppm / 1_000_000) * SIZE;
  const sorted = [{ holdersPpm: 0, amountPpm: 0 }, ...points].sort((a, b) => a.holdersPpm - b.holdersPpm);
  const path = sorted
    .map((p, i) => `${i === 0 ? "M" : "L"}${PAD + scale(p.holdersPpm)},${PAD + SIZE - scale(p.amountPpm)}`)
    .join(" ");
  return (
    <figure className="chart lorenz">
      <svg viewBox={`0 0 ${SIZE + 2 * PAD} ${SIZE + 2 * PAD}`} role="img" aria-label={title} width="100%">
        <title>{title}</title>
        <rect x={PAD} y={PAD} width={SIZE} height={SIZE} className="chart-frame" />
        <line x1={PAD} y1={PAD + SIZE} x2={PAD + SIZE} y2={PAD} className="chart-equality" />
        <path d={path} className="chart-curve" />
        <text x={PAD} y={SIZE + 2 * PAD - 4} className="chart-axis">
          holders →
        </text>
        <text x={2} y={PAD - 8} className="chart-axis">
          ↑ share of total
        </text>
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}
