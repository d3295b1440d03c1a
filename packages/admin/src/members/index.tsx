import {
  ArrayField,
  BooleanField,
  Create,
  Datagrid,
  Edit,
  EmailField,
  FunctionField,
  Labeled,
  List,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  TabbedShowLayout,
  TextField,
  TextInput,
  email,
  required,
} from 'react-admin';
import { EnumField, EnumInput } from '../common/fields';
import { ResponsiveList } from '../common/ResponsiveList';
import { ShowPage } from '../common/ShowPage';

type Member = {
  id: string;
  firstName: string;
  lastName: string;
  email?: string;
  society?: { code: string };
};

const filters = [
  <TextInput key="q" source="q" alwaysOn />,
  <ReferenceInput key="s" source="societyId" reference="Society" alwaysOn>
    <SelectInput optionText="code" />
  </ReferenceInput>,
  <EnumInput key="p" source="profession" enumName="Profession" />,
  <EnumInput key="st" source="status" enumName="MemberStatus" />,
  <ReferenceInput key="e" source="employerId" reference="Employer">
    <SelectInput optionText="name" />
  </ReferenceInput>,
];

export function MemberList() {
  return (
    <List sort={{ field: 'lastName', order: 'ASC' }} filters={filters}>
      <ResponsiveList<Member>
        primary={(r) => `${r.lastName} ${r.firstName}`}
        secondary={(r) => r.email}
        tertiary={(r) => r.society?.code}
      >
        <TextField source="lastName" />
        <TextField source="firstName" />
        <EmailField source="email" />
        <EnumField source="profession" enumName="Profession" />
        <TextField
          source="society.code"
          label="resources.Member.fields.societyId"
          sortable={false}
        />
        <TextField
          source="employer.name"
          label="resources.Member.fields.employerId"
          sortable={false}
        />
        <EnumField source="status" enumName="MemberStatus" />
      </ResponsiveList>
    </List>
  );
}

export function MemberShow() {
  return (
    <ShowPage>
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label="resources.Member.name">
          <TextField source="lastName" />
          <TextField source="firstName" />
          <EmailField source="email" />
          <TextField source="rpps" />
          <EnumField source="profession" enumName="Profession" />
          <EnumField source="status" enumName="MemberStatus" />
          <ReferenceField source="societyId" reference="Society" />
          <TextField
            source="employer.name"
            label="resources.Member.fields.employerId"
            emptyText="—"
          />
          <Labeled label="resources.Member.fields.charter">
            <BooleanField source="charter.upToDate" />
          </Labeled>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="resources.Member.fields.memberships">
          <ArrayField source="memberships">
            <Datagrid
              bulkActionButtons={false}
              rowClick={(_id, _r, record) => `/PeerGroup/${record.groupId}/show`}
            >
              <TextField source="group.name" label="resources.PeerGroup.fields.name" />
              <EnumField source="role" enumName="GroupRole" label="epairs.groups.relay" />
              <FunctionField
                label="resources.PeerGroup.fields.status"
                render={(r: { group?: { status: string } }) => r.group?.status}
              />
              <TextField source="joinedOn" />
            </Datagrid>
          </ArrayField>
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </ShowPage>
  );
}

export const MemberCreate = () => (
  <Create redirect="show">
    <SimpleForm>
      <ReferenceInput source="societyId" reference="Society">
        <SelectInput optionText="code" validate={required()} />
      </ReferenceInput>
      <TextInput source="lastName" validate={required()} autoComplete="off" />
      <TextInput source="firstName" validate={required()} autoComplete="off" />
      <TextInput source="email" type="email" validate={[required(), email()]} autoComplete="off" />
      <TextInput
        source="rpps"
        validate={required()}
        helperText="11 chiffres (ou 12 commençant par 8)"
      />
      <EnumInput source="profession" enumName="Profession" validate={required()} />
      <ReferenceInput source="employerId" reference="Employer">
        <SelectInput optionText="name" />
      </ReferenceInput>
      <TextInput source="region" />
    </SimpleForm>
  </Create>
);

export const MemberEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <SimpleForm>
      <TextInput source="rpps" />
      <EnumInput source="profession" enumName="Profession" />
      <EnumInput source="status" enumName="MemberStatus" />
      <ReferenceInput source="employerId" reference="Employer">
        <SelectInput optionText="name" />
      </ReferenceInput>
      <TextInput source="region" />
    </SimpleForm>
  </Edit>
);

export const members = {
  name: 'Member',
  list: MemberList,
  show: MemberShow,
  create: MemberCreate,
  edit: MemberEdit,
  recordRepresentation: (r: Member) => `${r.firstName} ${r.lastName}`,
};
