import {
  ArrayField,
  ChipField,
  Create,
  Datagrid,
  Edit,
  FunctionField,
  List,
  ReferenceArrayInput,
  ReferenceField,
  ReferenceInput,
  SelectArrayInput,
  SelectInput,
  SimpleForm,
  SingleFieldList,
  TabbedShowLayout,
  TextField,
  TextInput,
  required,
  useRecordContext,
  useShowContext,
} from 'react-admin';
import { EnumField, EnumInput, ParisDateField } from '../common/fields';
import { ResponsiveList } from '../common/ResponsiveList';
import { ShowPage } from '../common/ShowPage';
import { PeerGroupShowActions } from './actions';
import { Programme } from './Programme';
import { RegistrationProblems } from './RegistrationProblems';
import { AddMemberButton, MembershipRowActions } from './MembershipActions';

type GroupRecord = { id: string; societyId: string; status: string };

/** The group's record for the membership buttons (the tab's own record is the membership). */
function GroupMembersToolbar() {
  const group = useRecordContext<GroupRecord>();
  return group ? <AddMemberButton group={group} /> : null;
}

function GroupMembershipActions() {
  const { record: group } = useShowContext<GroupRecord>();
  return group ? <MembershipRowActions group={group} /> : null;
}

type Person = { firstName: string; lastName: string };
type Group = {
  id: string;
  name: string;
  status: string;
  society?: { code: string };
  relay?: { member?: Person } | null;
  binomes?: { user?: Person }[];
};

const name = (person?: Person | null) => (person ? `${person.firstName} ${person.lastName}` : '');

const filters = [
  <TextInput key="q" source="q" alwaysOn />,
  <ReferenceInput key="s" source="societyId" reference="Society" alwaysOn>
    <SelectInput optionText="code" />
  </ReferenceInput>,
  <EnumInput key="st" source="status" enumName="GroupStatus" alwaysOn />,
  <EnumInput key="k" source="kind" enumName="GroupKind" />,
  <EnumInput key="e" source="entryPoint" enumName="EntryPoint" />,
  <ReferenceInput key="t" source="themeId" reference="Theme">
    <SelectInput optionText="labelFr" />
  </ReferenceInput>,
];

export function PeerGroupList() {
  return (
    <List sort={{ field: 'name', order: 'ASC' }} filters={filters}>
      <ResponsiveList<Group>
        primary={(r) => r.name}
        secondary={(r) => r.society?.code}
        tertiary={(r) => r.status}
      >
        <TextField source="name" />
        <TextField
          source="society.code"
          label="resources.PeerGroup.fields.societyId"
          sortable={false}
        />
        <EnumField source="kind" enumName="GroupKind" sortable={false} />
        <EnumField source="status" enumName="GroupStatus" />
        <FunctionField
          label="resources.PeerGroup.fields.relay"
          render={(r: Group) => name(r.relay?.member)}
        />
        <FunctionField
          label="resources.PeerGroup.fields.binomes"
          render={(r: Group) => (r.binomes ?? []).map((b) => name(b.user)).join(', ') || '—'}
        />
        <ParisDateField source="registeredAt" />
      </ResponsiveList>
    </List>
  );
}

export function PeerGroupShow() {
  return (
    <ShowPage actions={<PeerGroupShowActions />}>
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label="epairs.groups.general">
          <TextField source="name" />
          <ReferenceField source="societyId" reference="Society" />
          <EnumField source="kind" enumName="GroupKind" />
          <EnumField source="status" enumName="GroupStatus" />
          <EnumField source="entryPoint" enumName="EntryPoint" />
          <TextField source="meetingPlace" emptyText="—" />
          <FunctionField
            label="resources.PeerGroup.fields.relay"
            render={(r: Group) => name(r.relay?.member) || '—'}
          />
          <ArrayField source="themes" label="epairs.groups.themes">
            <SingleFieldList linkType={false}>
              <ChipField source="labelFr" size="small" />
            </SingleFieldList>
          </ArrayField>
          <ParisDateField source="submittedAt" emptyText="—" />
          <ParisDateField source="registeredAt" emptyText="—" />
          <Programme />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="epairs.groups.members" path="members">
          <GroupMembersToolbar />
          <ArrayField source="memberships" label={false}>
            <Datagrid
              bulkActionButtons={false}
              rowClick={(_id, _resource, record) => `/Member/${record.memberId}/show`}
            >
              <FunctionField
                label="resources.Member.fields.lastName"
                render={(r: { member?: Person }) => name(r.member)}
              />
              <EnumField
                source="member.profession"
                enumName="Profession"
                label="resources.Member.fields.profession"
              />
              <EnumField
                source="role"
                enumName="GroupRole"
                label="resources.PeerGroup.fields.relay"
              />
              <FunctionField
                label="resources.Member.fields.charter"
                render={(r: { member?: { charter?: { upToDate: boolean } } }) =>
                  r.member?.charter ? (r.member.charter.upToDate ? '✓' : '✗') : '—'
                }
              />
              <TextField source="joinedOn" />
              <GroupMembershipActions />
            </Datagrid>
          </ArrayField>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="epairs.groups.binomes" path="binomes">
          <ArrayField source="binomes" label={false}>
            <Datagrid bulkActionButtons={false} rowClick={false}>
              <FunctionField
                label="resources.Member.fields.lastName"
                render={(r: { user?: Person }) => name(r.user)}
              />
              <TextField source="user.email" label="resources.Member.fields.email" />
              <ParisDateField source="assignedAt" />
            </Datagrid>
          </ArrayField>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="epairs.groups.registration_problems" path="registration">
          <RegistrationProblems />
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </ShowPage>
  );
}

function GroupFields() {
  return (
    <>
      <TextInput source="name" validate={required()} />
      <EnumInput source="kind" enumName="GroupKind" validate={required()} />
      <EnumInput source="entryPoint" enumName="EntryPoint" />
      <TextInput source="meetingPlace" />
      <ReferenceArrayInput source="themeIds" reference="Theme">
        <SelectArrayInput optionText="labelFr" />
      </ReferenceArrayInput>
    </>
  );
}

export const PeerGroupCreate = () => (
  <Create redirect="show">
    <SimpleForm>
      <ReferenceInput source="societyId" reference="Society">
        <SelectInput optionText="code" validate={required()} />
      </ReferenceInput>
      <GroupFields />
    </SimpleForm>
  </Create>
);

export const PeerGroupEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <SimpleForm>
      <GroupFields />
    </SimpleForm>
  </Edit>
);

export const peerGroups = {
  name: 'PeerGroup',
  list: PeerGroupList,
  show: PeerGroupShow,
  create: PeerGroupCreate,
  edit: PeerGroupEdit,
  recordRepresentation: 'name',
};
