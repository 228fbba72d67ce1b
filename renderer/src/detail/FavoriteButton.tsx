import { useEffect, useState } from 'react';
import { call, type IpcError, type KeysmithApi } from '../bridge';

interface Props {
  api: KeysmithApi;
  /** favourites are kept by integration id, which survives a rename */
  id: string;
  onToggled: () => void;
}

/** A star toggle; favourites live in the settings, so the list puts them first everywhere. */
export function FavoriteButton({ api, id, onToggled }: Props) {
  const [favorite, setFavorite] = useState<boolean | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  useEffect(() => {
    let active = true;
    void call(api.settings.get()).then((result) => {
      if (!active) return;
      if (result.ok) setFavorite(result.value.favorites.includes(id));
      else setError(result.error);
    });
    const off = api.on('settings:changed', (settings) => setFavorite(settings.favorites.includes(id)));
    return () => {
      active = false;
      off();
    };
  }, [api, id]);

  async function toggle() {
    setError(null);
    // Read again just before writing: another window or the list may have changed the favourites.
    const current = await call(api.settings.get());
    if (!current.ok) return setError(current.error);
    const others = current.value.favorites.filter((f) => f !== id);
    const favorites = current.value.favorites.includes(id) ? others : [...others, id];
    const saved = await call(api.settings.set({ favorites }));
    if (!saved.ok) return setError(saved.error);
    setFavorite(saved.value.favorites.includes(id));
    onToggled();
  }

  return (
    <>
      <button
        type="button"
        className="star-button"
        aria-pressed={favorite ?? false}
        aria-label="Favourite"
        title={favorite ? 'Remove from favourites' : 'Add to favourites (listed first)'}
        disabled={favorite === null}
        onClick={() => void toggle()}
      >
        <span aria-hidden="true">{favorite ? '★' : '☆'}</span>
      </button>
      {error && (
        <p role="alert" className="error-text">
          {error.message}
        </p>
      )}
    </>
  );
}
