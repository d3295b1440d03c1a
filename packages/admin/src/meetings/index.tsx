import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import TableChartIcon from '@mui/icons-material/TableChart';
import { Button, Stack } from '@mui/material';
import {
  ArrayField,
  Datagrid,
  FunctionField,
  List,
  NumberField,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  TabbedShowLayout,
  TextField,
  TextInput,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { EnumField, EnumInput, ParisDateField } from '../common/fields';
import { ResponsiveList } from '../common/ResponsiveList';
import { ShowPage } from '../common/ShowPage';
import { MeetingShowActions } from './CancelMeetingButton';

type Person = { firstName: string; lastName: string };
type Meeting = {
  id: string;
  title?: string;
  startsAt: string;
  status: string;
  group?: { name: string };
  sheetPdfUrl?: string | null;
  sheetCsvUrl?: string | null;
};
const name = (person?: Person | null) => (person ? `${person.firstName} ${person.lastName}` : '');

const filters = [
  <ReferenceInput key="s" source="societyId" reference="Society" alwaysOn>
    <SelectInput optionText="code" />
  </ReferenceInput>,
  <ReferenceInput key="g" source="groupId" reference="PeerGroup" alwaysOn>
    <SelectInput optionText="name" />
  </ReferenceInput>,
  <EnumInput key="st" source="status" enumName="MeetingStatus" alwaysOn />,
  <TextInput key="y" source="year" type="number" />,
];

export function MeetingList() {
  return (
    <List sort={{ field: 'startsAt', order: 'DESC' }} filters={filters}>
      <ResponsiveList<Meeting>
        primary={(r) => r.group?.name ?? ''}
        secondary={(r) =>
          new Date(r.startsAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })
        }
        tertiary={(r) => r.status}
      >
        <ParisDateField source="startsAt" withTime />
        <TextField source="group.name" label="resources.Meeting.fields.groupId" sortable={false} />
        <TextField source="title" emptyText="—" sortable={false} />
        <EnumField source="mode" enumName="MeetingMode" sortable={false} />
        <NumberField source="durationMinutes" sortable={false} />
        <EnumField source="status" enumName="MeetingStatus" />
      </ResponsiveList>
    </List>
  );
}

/** The signed sheet's exports: short-lived links the API signs (5 minutes), opened at once. */
function SheetLinks() {
  const record = useRecordContext<Meeting>();
  const translate = useTranslate();
  if (!record?.sheetPdfUrl && !record?.sheetCsvUrl) return null;
  return (
    <Stack direction="row" spacing={1} sx={{ my: 1 }}>
      {record.sheetPdfUrl && (
        <Button
          href={record.sheetPdfUrl}
          target="_blank"
          rel="noopener"
          startIcon={<PictureAsPdfIcon />}
        >
          {translate('epairs.meetings.sheet_pdf')}
        </Button>
      )}
      {record.sheetCsvUrl && (
        <Button
          href={record.sheetCsvUrl}
          target="_blank"
          rel="noopener"
          startIcon={<TableChartIcon />}
        >
          {translate('epairs.meetings.sheet_csv')}
        </Button>
      )}
    </Stack>
  );
}

export function MeetingShow() {
  return (
    <ShowPage actions={<MeetingShowActions />}>
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label="resources.Meeting.name">
          <ReferenceField source="groupId" reference="PeerGroup" />
          <TextField source="title" emptyText="—" />
          <ParisDateField source="startsAt" withTime />
          <NumberField source="durationMinutes" />
          <EnumField source="mode" enumName="MeetingMode" />
          <TextField source="place" emptyText="—" />
          <EnumField source="status" enumName="MeetingStatus" />
          <TextField source="cancelReason" emptyText="—" />
          <ArrayField source="roles" label="epairs.meetings.roles">
            <Datagrid bulkActionButtons={false} rowClick={false}>
              <EnumField source="role" enumName="SessionRole" />
              <FunctionField
                label="resources.Member.fields.lastName"
                render={(r: { member?: Person }) => name(r.member)}
              />
            </Datagrid>
          </ArrayField>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="epairs.meetings.sheet" path="sheet">
          <SheetLinks />
          <ParisDateField source="sheetClosedAt" withTime emptyText="—" />
          <ArrayField source="attendance" label={false}>
            <Datagrid bulkActionButtons={false} rowClick={false} empty={<EmptySheet />}>
              <FunctionField
                label="resources.Member.fields.lastName"
                render={(r: { member?: Person }) => name(r.member)}
              />
              <TextField source="status" />
              <TextField source="method" />
              <ParisDateField source="signedAt" withTime />
              <TextField source="correctionReason" emptyText="" />
            </Datagrid>
          </ArrayField>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="epairs.meetings.agenda" path="agenda">
          <ArrayField source="agenda.presentations" label={false}>
            <Datagrid bulkActionButtons={false} rowClick={false}>
              <EnumField source="role" enumName="SessionRole" />
              <FunctionField
                label="resources.Member.fields.lastName"
                render={(r: { member?: Person }) => name(r.member)}
              />
            </Datagrid>
          </ArrayField>
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </ShowPage>
  );
}

function EmptySheet() {
  const translate = useTranslate();
  return <p>{translate('epairs.meetings.not_signed')}</p>;
}

export const meetings = {
  name: 'Meeting',
  list: MeetingList,
  show: MeetingShow,
  recordRepresentation: (r: Meeting) =>
    `${r.group?.name ?? ''} — ${new Date(r.startsAt).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' })}`,
};
