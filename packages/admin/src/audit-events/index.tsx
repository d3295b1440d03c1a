import {
  DateTimeInput,
  FunctionField,
  List,
  ReferenceInput,
  SelectInput,
  SimpleShowLayout,
  TextField,
  TextInput,
} from 'react-admin';
import { ParisDateField } from '../common/fields';
import { ResponsiveList } from '../common/ResponsiveList';
import { ShowPage } from '../common/ShowPage';

type AuditEvent = {
  id: string;
  action: string;
  entityType: string;
  occurredAt: string;
  changedFields: string[];
  actor?: { firstName: string; lastName: string; email: string } | null;
};

const actor = (r: AuditEvent) => (r.actor ? `${r.actor.firstName} ${r.actor.lastName}` : '—');

const filters = [
  <TextInput key="a" source="action" alwaysOn />,
  <TextInput key="t" source="entityType" alwaysOn />,
  <ReferenceInput key="s" source="societyId" reference="Society">
    <SelectInput optionText="code" />
  </ReferenceInput>,
  <TextInput key="e" source="entityId" />,
  <TextInput key="r" source="requestId" />,
  <DateTimeInput key="f" source="occurredAt_gte" />,
  <DateTimeInput key="u" source="occurredAt_lt" />,
];

export function AuditEventList() {
  return (
    <List sort={{ field: 'occurredAt', order: 'DESC' }} filters={filters}>
      <ResponsiveList<AuditEvent>
        primary={(r) => r.action}
        secondary={(r) =>
          new Date(r.occurredAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })
        }
        tertiary={actor}
      >
        <ParisDateField source="occurredAt" withTime />
        <TextField source="action" />
        <TextField source="entityType" />
        <TextField source="entityId" sortable={false} />
        <FunctionField label="resources.AuditEvent.fields.actor" render={actor} />
        <FunctionField
          label="resources.AuditEvent.fields.changedFields"
          render={(r: AuditEvent) => r.changedFields.join(', ')}
        />
      </ResponsiveList>
    </List>
  );
}

export function AuditEventShow() {
  return (
    <ShowPage>
      <SimpleShowLayout>
        <ParisDateField source="occurredAt" withTime />
        <TextField source="action" />
        <TextField source="entityType" />
        <TextField source="entityId" />
        <FunctionField label="resources.AuditEvent.fields.actor" render={actor} />
        <FunctionField
          label="resources.AuditEvent.fields.changedFields"
          render={(r: AuditEvent) => r.changedFields.join(', ') || '—'}
        />
        <TextField
          source="society.code"
          label="resources.AuditEvent.fields.societyId"
          emptyText="—"
        />
        <TextField source="requestId" />
      </SimpleShowLayout>
    </ShowPage>
  );
}

export const auditEvents = { name: 'AuditEvent', list: AuditEventList, show: AuditEventShow };
