// The wait in quota messages: "Quota will be replenished in xx:xx:xx." (spec §3.8, §5.1).
// Format choice: .NET TimeSpan's constant format ("c"), which is what a .NET gateway interpolating a TimeSpan
// prints: hh:mm:ss, and d.hh:mm:ss from one day up. Seconds are rounded up, so "00:00:00" never appears
// while the quota is still exhausted.

export function formatReplenishIn(ms: number): string {
  let seconds = Math.max(0, Math.ceil(ms / 1000));
  const days = Math.floor(seconds / 86_400);
  seconds -= days * 86_400;
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  const hms = `${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
  return days > 0 ? `${days}.${hms}` : hms;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
