import { ConventionShowActions } from './StatusButtons';
import {
  AutocompleteInput,
  Create,
  FunctionField,
  List,
  NumberField,
  NumberInput,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  required,
} from 'react-admin';
import { EnumField, EnumInput, ParisDateField } from '../common/fields';
import { ResponsiveList } from '../common/ResponsiveList';
import { ShowPage } from '../common/ShowPage';

type Convention = {
  id: string;
  year: number;
  status: string;
  member?: { firstName: string; lastName: string };
};
const name = (r: Convention) => (r.member ? `${r.member.firstName} ${r.member.lastName}` : '');

const filters = [
  <ReferenceInput key="s" source="societyId" reference="Society" alwaysOn>
    <SelectInput optionText="code" />
  </ReferenceInput>,
  <NumberInput key="y" source="year" alwaysOn />,
  <EnumInput key="st" source="status" enumName="ConventionStatus" alwaysOn />,
];

export const ConventionList = () => (
  <List sort={{ field: 'year', order: 'DESC' }} filters={filters}>
    <ResponsiveList<Convention>
      primary={name}
      secondary={(r) => `${r.year}`}
      tertiary={(r) => r.status}
    >
      <FunctionField label="resources.Convention.fields.memberId" render={name} />
      <NumberField source="year" options={{ useGrouping: false }} />
      <TextField
        source="employer.name"
        label="resources.Convention.fields.employerId"
        sortable={false}
      />
      <EnumField source="status" enumName="ConventionStatus" />
      <NumberField source="minSessions" sortable={false} />
      <NumberField source="minHours" sortable={false} />
      <ParisDateField source="signedAt" sortable={false} emptyText="—" />
    </ResponsiveList>
  </List>
);

export const ConventionShow = () => (
  <ShowPage actions={<ConventionShowActions />}>
    <SimpleShowLayout>
      <FunctionField label="resources.Convention.fields.memberId" render={name} />
      <NumberField source="year" options={{ useGrouping: false }} />
      <TextField
        source="employer.name"
        label="resources.Convention.fields.employerId"
        emptyText="—"
      />
      <EnumField source="status" enumName="ConventionStatus" />
      <NumberField source="minSessions" />
      <NumberField source="minHours" />
      <ParisDateField source="sentAt" emptyText="—" />
      <ParisDateField source="signedAt" emptyText="—" />
      <TextField source="cancelReason" emptyText="—" />
    </SimpleShowLayout>
  </ShowPage>
);

export const ConventionCreate = () => (
  <Create redirect="show">
    <SimpleForm>
      <ReferenceInput source="memberId" reference="Member">
        <AutocompleteInput
          optionText={(r: { firstName: string; lastName: string }) =>
            `${r.lastName} ${r.firstName}`
          }
          filterToQuery={(q: string) => ({ q })}
          validate={required()}
        />
      </ReferenceInput>
      <NumberInput source="year" validate={required()} defaultValue={new Date().getFullYear()} />
      <ReferenceInput source="employerId" reference="Employer">
        <SelectInput optionText="name" />
      </ReferenceInput>
    </SimpleForm>
  </Create>
);

export const conventions = {
  name: 'Convention',
  list: ConventionList,
  show: ConventionShow,
  create: ConventionCreate,
};
