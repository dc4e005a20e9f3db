import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isTrustedSenderUrl } from '../../src-main/electron/trusted-sender';

const index = path.resolve('/opt/Settle/resources/app/build/renderer/index.html');
const own = pathToFileURL(index).href;

describe('the IPC sender guard', () => {
  it('accepts our own page, with or without a hash route', () => {
    expect(isTrustedSenderUrl(own, index)).toBe(true);
    expect(isTrustedSenderUrl(`${own}#/customers`, index)).toBe(true);
  });

  it('accepts our own page opened on another ledger (each ledger window carries ?ledger=…)', () => {
    expect(isTrustedSenderUrl(`${own}?ledger=${encodeURIComponent('/home/me/Clients/acme.sqlite')}#/worklist`, index)).toBe(true);
  });

  it.each([
    ['no URL', undefined],
    ['garbage', 'not a url'],
    ['a web page', 'https://example.com/build/renderer/index.html'],
    ['another local file', pathToFileURL(path.resolve('/tmp/evil/index.html')).href],
    ['a page beside ours', own.replace('index.html', 'other.html')],
    ['a file URL with a host', own.replace('file:///', 'file://attacker/')],
    ['a blank page', 'about:blank'],
  ])('refuses %s', (_what, url) => {
    expect(isTrustedSenderUrl(url, index)).toBe(false);
  });
});
