/**
 * Time from each request's send to its post arriving at the response URL, for the requests in `sent` (id → the
 * `Date.now()` it was sent): the stand-in's posts are read until all have come or `timeoutMs` has passed. The HTTP
 * and Socket Mode benches both time full answers this way.
 */
export async function answered(
  responses: () => Promise<{ id: string; at: number }[]>,
  sent: Map<string, number>,
  timeoutMs = 30_000,
): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let posted = await responses();
  while (posted.length < sent.size && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    posted = await responses();
  }
  return posted.flatMap((r) => (sent.has(r.id) ? [r.at - (sent.get(r.id) as number)] : []));
}
