// Time left until a moment of the chain's clock, ticking every second. The chain's clock can differ from
// this machine's (the embedded chain moves in jumps in tests and demos), so the offset between the two
// at the time the chain was read is kept and applied.
import { useEffect, useState } from "react";
import { formatDuration, formatTime } from "../format.ts";

interface CountdownProps {
  /** Unix seconds, on the chain's clock. */
  until: number;
  /** The chain's time when it was read, and this machine's time then (both unix seconds). */
  chainTime: number;
  readAt: number;
}

export function Countdown({ until, chainTime, readAt }: CountdownProps) {
  const [now, setNow] = useState(() => Date.now() / 1000);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now() / 1000), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = until - (chainTime + (now - readAt));
  return (
    <span className="countdown" title={formatTime(until)}>
      {left > 0 ? `${formatDuration(left)} left` : "due now"}
    </span>
  );
}
