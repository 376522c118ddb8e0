import { Flex, theme, Typography } from 'antd';
import type { ReactNode } from 'react';

export interface Item {
  key: string;
  avatar?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  extra?: ReactNode;
}

/** A plain list of rows (antd's List is deprecated in 6.6 and Listy is a bare virtual list). */
export function ItemList({ items, empty, header, ...rest }: { items: Item[]; empty?: ReactNode; header?: ReactNode; 'data-testid'?: string }) {
  const { token } = theme.useToken();
  return (
    <div data-testid={rest['data-testid']}>
      {header ? (
        <Typography.Text type="secondary" style={{ display: 'block', padding: '8px 0', borderBottom: `1px solid ${token.colorSplit}` }}>
          {header}
        </Typography.Text>
      ) : null}
      {items.length === 0 ? (
        <div style={{ padding: '12px 0', color: token.colorTextSecondary }}>{empty}</div>
      ) : (
        items.map((item, i) => (
          <Flex key={item.key} align="center" gap={12} style={{ padding: '8px 0', borderTop: i === 0 && !header ? undefined : `1px solid ${token.colorSplit}` }}>
            {item.avatar}
            <Flex vertical style={{ flex: 1, minWidth: 0 }}>
              <span style={{ color: token.colorText }}>{item.title}</span>
              {item.description ? <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }} ellipsis>{item.description}</Typography.Text> : null}
            </Flex>
            {item.extra}
          </Flex>
        ))
      )}
    </div>
  );
}
