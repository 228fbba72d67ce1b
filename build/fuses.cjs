// electron-builder afterPack hook: flips Electron's fuses in the packaged binary.
// Runs before signing, so the signature covers the flipped bits and the OS refuses a binary
// whose fuses were flipped back. Settings and reasons: design.md, "Security model".
'use strict';

const path = require('node:path');

/** @param {import('@electron/fuses')} fuses */
function fuseConfig({ FuseVersion, FuseV1Options }) {
  return {
    version: FuseVersion.V1,
    // ELECTRON_RUN_AS_NODE would turn the signed app into a general-purpose Node interpreter.
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    // NODE_OPTIONS / --inspect would let anyone inject code into the process that holds the vault key.
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };
}

function electronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${name}.app`); // flipFuses finds the framework inside
    case 'win32':
      return path.join(appOutDir, `${name}.exe`);
    default:
      return path.join(appOutDir, packager.executableName);
  }
}

module.exports = async function flipKeysmithFuses(context) {
  // @electron/fuses 2.x is ESM-only; import() works for 1.x too.
  const fuses = await import('@electron/fuses');
  const { Arch } = require('electron-builder');
  const isMac = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  const binary = electronBinary(context);

  await fuses.flipFuses(binary, {
    ...fuseConfig(fuses),
    // Apple Silicon refuses to run a binary whose ad-hoc signature no longer matches; the real
    // signature, if any, is applied after this hook.
    resetAdHocDarwinSignature: isMac && (context.arch === Arch.arm64 || context.arch === Arch.universal),
  });
  console.log(`  • fuses flipped  file=${path.relative(process.cwd(), binary)}`);
};
