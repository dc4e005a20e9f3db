import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import type { CustomerCard, OpenItem } from '../../../src-main/contract';
import { formatMoney } from '../../lib/money';
import { formatDate } from '../../lib/dates';

/**
 * The open invoices and instalments, each with what may be asked for. Chips name what is held
 * back, and only where something is, so a plain account reads as plainly as before.
 */
export function OpenItemsTable({ card }: { card: CustomerCard }) {
  return (
    // Narrower cell padding and one-line headings: the card's left column is narrow, and chips need the room.
    <Table size="small" aria-label="Open invoices" sx={{ '& .MuiTableCell-root': { px: 1 }, '& th': { whiteSpace: 'nowrap' } }}>
      <TableHead>
        <TableRow>
          <TableCell>Invoice</TableCell>
          <TableCell>Due</TableCell>
          <TableCell align="right">Days late</TableCell>
          <TableCell align="right">Open</TableCell>
          <TableCell align="right">May ask for</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {card.openItems.map((o) => {
          const fromCash = metByUnapplied(card, o);
          return (
            <TableRow key={`${o.invoiceId}-${o.instalmentId ?? 0}`}>
              <TableCell>
                {o.number}
                {o.seq !== null && ` (instalment ${o.seq})`}
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(o.dueDate)}</TableCell>
              <TableCell align="right">{o.daysPastDue > 0 ? o.daysPastDue : ''}</TableCell>
              <TableCell align="right">
                {formatMoney(o.openAmount)}
                {(o.disputed > 0 || o.onPlan > 0 || fromCash > 0) && (
                  <Box sx={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'flex-end', gap: 0.5, mt: 0.5 }}>
                    {o.disputed > 0 && <Chip size="small" variant="outlined" color="warning" label={`Disputed ${formatMoney(o.disputed)}`} />}
                    {o.onPlan > 0 && <Chip size="small" variant="outlined" color="info" label={`On plan ${formatMoney(o.onPlan)}`} />}
                    {fromCash > 0 && (
                      <Tooltip title="The customer's unapplied cash and credits meet this much of it, oldest due first. Apply cash on the card applies them to the invoice the customer meant.">
                        <Chip size="small" variant="outlined" label={`Unapplied ${formatMoney(fromCash)}`} />
                      </Tooltip>
                    )}
                  </Box>
                )}
              </TableCell>
              <TableCell align="right">{formatMoney(o.collectable)}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/**
 * What the customer's unapplied cash and credits already meet on this item: the rest of the
 * open amount once the disputed, planned and askable parts are taken out. Nothing on a held
 * account (where nothing is askable at all) or on an item not yet issued on the card's date.
 */
function metByUnapplied(card: CustomerCard, o: OpenItem): number {
  if (card.collectable.hold !== null || card.collectable.unapplied === 0 || o.issueDate > card.asOf) return 0;
  return Math.max(0, o.openAmount - o.disputed - o.onPlan - o.collectable);
}
