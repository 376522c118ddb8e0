import { Select } from 'antd';
import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUser, useUserSearch } from '../features/directory/api.js';

interface Props {
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** Users that may not be picked (e.g. the user being edited, as their own manager). */
  exclude?: string[];
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  'data-testid'?: string;
  id?: string;
}

/** Picks a user by searching the directory on the server (works for any size of organisation). */
export function UserPicker({ value, onChange, exclude = [], placeholder, allowClear = true, style, id, ...rest }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const found = useUserSearch(q);
  const selected = useUser(value);
  const options = useMemo(() => {
    const list = (found.data ?? []).filter((u) => !exclude.includes(u.id));
    if (selected.data && !list.some((u) => u.id === selected.data.id)) list.unshift(selected.data);
    return list.map((u) => ({ value: u.id, label: u.name, title: u.email }));
  }, [found.data, selected.data, exclude]);
  return (
    <Select
      id={id}
      data-testid={rest['data-testid']}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value ?? undefined}
      onChange={(v) => onChange?.((v as string | undefined) ?? null)}
      onClear={() => onChange?.(null)}
      allowClear={allowClear}
      loading={found.isFetching}
      placeholder={placeholder ?? t('common.searchPeople')}
      notFoundContent={found.isFetching ? t('common.loading') : t('common.noMatches')}
      options={options}
      optionRender={(o) => (
        <span>
          {o.data.label} <span style={{ color: '#8c8c8c', fontSize: 12 }}>{o.data.title}</span>
        </span>
      )}
      style={style}
    />
  );
}
