/**
 * A browser stand-in for providers that need no person at the keyboard (the IMS emulator signs its
 * user in at once, the scripted providers of adversarial tests): it GETs the URL and follows
 * redirects, as a browser would, until a page answers. What each page answered is kept.
 */
export interface FollowedPage {
  url: string;
  status: number;
  body: string;
}

export async function follow(url: string, maxHops = 5): Promise<FollowedPage> {
  let next = url;
  for (let hop = 0; hop <= maxHops; hop++) {
    const res = await fetch(next, { redirect: 'manual' });
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      await res.body?.cancel();
      next = new URL(location, next).href;
      continue;
    }
    return { url: next, status: res.status, body: await res.text() };
  }
  throw new Error(`more than ${maxHops} redirects from ${url}`);
}

/** The URL the provider sends the browser back to, without visiting it (what a person pastes). */
export async function landingUrl(url: string): Promise<string> {
  const res = await fetch(url, { redirect: 'manual' });
  await res.body?.cancel();
  const location = res.headers.get('location');
  if (!location) throw new Error(`no redirect from ${url} (HTTP ${res.status})`);
  return location;
}
