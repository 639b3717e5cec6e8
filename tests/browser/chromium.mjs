// Debian's Chromium (never a downloaded browser) for the browser tests,
// with the flags that keep it off the network this machine does not have.
import { chromium } from 'playwright-core';

/** Launches headless Chromium (`$CHROMIUM`, default /usr/bin/chromium). */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
