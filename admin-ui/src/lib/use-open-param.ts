import { useSearchParams } from 'react-router';

/** Which row's detail panel is open, kept in the URL (?open=id) so the view can be linked and survives reloads. */
export function useOpenParam(): [number | undefined, (id: number | undefined) => void] {
  const [search, setSearch] = useSearchParams();
  const open = Number(search.get('open')) || undefined;
  const setOpen = (id: number | undefined) =>
    setSearch((current) => {
      const next = new URLSearchParams(current);
      if (id === undefined) next.delete('open');
      else next.set('open', String(id));
      return next;
    });
  return [open, setOpen];
}
