// A horizontal bar chart in plain SVG: one bar per row, scaled to the largest value, labelled in text so
// a screen reader reads the numbers, not the shapes.

export interface Bar {
  label: string;
  /** Used only for the bar's length; `display` is what is printed. */
  value: number;
  display: string;
}

interface BarChartProps {
  title: string;
  bars: readonly Bar[];
}

const ROW = 26;
const LABEL_WIDTH = 120;
const WIDTH = 480;

export function BarChart({ title, bars }: BarChartProps) {
  const max = Math.max(...bars.map((b) => b.value), 0);
  const height = Math.max(ROW, bars.length * ROW);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={title} width="100%">
        <title>{title}</title>
        {bars.map((bar, i) => {
          const length = max === 0 ? 0 : ((WIDTH - LABEL_WIDTH - 110) * bar.value) / max;
          const y = i * ROW;
          return (
            <g key={bar.label}>
              <text x={0} y={y + 17} className="chart-label">
                {bar.label}
              </text>
              <rect
                x={LABEL_WIDTH}
                y={y + 5}
                width={Math.max(1, length)}
                height={ROW - 10}
                className="chart-bar"
              />
              <text x={LABEL_WIDTH + length + 6} y={y + 17} className="chart-value">
                {bar.display}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}
