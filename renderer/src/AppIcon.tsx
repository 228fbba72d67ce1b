/**
 * The app's icon beside its name. renderer/public/icon.png is a copy of build/icon.png (the
 * installers' icon), which vite puts into the build as is, so the renderer imports nothing outside
 * its zone. Regenerate it with the installer icons (build/make-icons.sh) when the icon changes.
 */
export function AppIcon({ size = 24 }: { size?: number }) {
  return <img className="app-icon" src="./icon.png" width={size} height={size} alt="" />;
}
