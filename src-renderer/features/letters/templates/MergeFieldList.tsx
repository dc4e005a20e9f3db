import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import ListSubheader from '@mui/material/ListSubheader';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { TemplateFields } from '../../../../src-main/contract';
import { call } from '../../../api/client';

/** The fields a template may use; clicking one puts it where the cursor was. */
export function MergeFieldList({ onInsert }: { onInsert(name: string, block: boolean): void }) {
  const [fields, setFields] = useState<TemplateFields | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('templates.fields', {}).then(
      (f) => live && setFields(f),
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
  }, []);

  const item = (f: { name: string; description: string }, block: boolean) => (
    <ListItemButton
      key={f.name}
      dense
      aria-label={`Insert {{${f.name}}}`}
      // Keeps the cursor (and the selection) in the text being edited.
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => onInsert(f.name, block)}
    >
      <ListItemText
        primary={`{{${f.name}}}`}
        secondary={f.description}
        slotProps={{ primary: { sx: { fontFamily: 'monospace', fontSize: 13 } }, secondary: { sx: { fontSize: 12 } } }}
      />
    </ListItemButton>
  );

  return (
    <Paper variant="outlined" component="aside" aria-labelledby="merge-fields-title" sx={{ maxHeight: 560, overflow: 'auto' }}>
      <Typography id="merge-fields-title" variant="subtitle2" component="h3" sx={{ px: 2, pt: 1.5 }}>
        Merge fields
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ px: 2 }}>
        Click a field to insert it at the cursor.
      </Typography>
      {error && (
        <Typography role="alert" color="error" variant="body2" sx={{ px: 2 }}>
          {error}
        </Typography>
      )}
      {fields && (
        <List dense aria-label="Merge fields" subheader={<li />}>
          <li>
            <ul style={{ padding: 0 }}>
              <ListSubheader>In the text</ListSubheader>
              {fields.inline.map((f) => item(f, false))}
            </ul>
          </li>
          <li>
            <ul style={{ padding: 0 }}>
              <ListSubheader>On a line of their own</ListSubheader>
              {fields.blocks.map((f) => item(f, true))}
            </ul>
          </li>
        </List>
      )}
    </Paper>
  );
}
