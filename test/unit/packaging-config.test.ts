import fs from 'node:fs';
import path from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';

const root = path.resolve(__dirname, '..', '..');

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema and targets all three platforms', async () => {
    const config = await getConfig(root, path.join(root, 'electron-builder.yml'), null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // The schema check is real: a misspelt key is refused.
    await expect(validateConfiguration({ ...config, nsiss: {} } as typeof config, new DebugLogger(false))).rejects.toThrow(/nsiss/);
    const targets = (t: unknown) => JSON.stringify(t);
    expect(targets(config.win?.target)).toContain('nsis');
    expect(targets(config.mac?.target)).toContain('dmg');
    expect(targets(config.linux?.target)).toContain('AppImage');
    expect(targets(config.linux?.target)).toContain('deb');
  });

  it('pins the Electron version that package.json installs and ships the built app', async () => {
    const config = await getConfig(root, path.join(root, 'electron-builder.yml'), null);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(config.electronVersion).toBe(pkg.devDependencies.electron);
    expect(config.extraMetadata?.main).toBe(pkg.main);
    expect(JSON.stringify(config.files)).toContain('"build/main/**/*","build/renderer/**/*"');
  });
});
