import {
  Create,
  Edit,
  List,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  required,
} from 'react-admin';
import { ResponsiveList } from '../common/ResponsiveList';
import { ShowPage } from '../common/ShowPage';

type Employer = { id: string; name: string; city: string };

const filters = [
  <TextInput key="q" source="q" alwaysOn />,
  <ReferenceInput key="s" source="societyId" reference="Society" alwaysOn>
    <SelectInput optionText="code" />
  </ReferenceInput>,
];

export function EmployerList() {
  return (
    <List sort={{ field: 'name', order: 'ASC' }} filters={filters}>
      <ResponsiveList<Employer> primary={(r) => r.name} secondary={(r) => r.city}>
        <TextField source="name" />
        <TextField source="city" />
        <TextField source="siret" sortable={false} />
        <TextField
          source="society.code"
          label="resources.Employer.fields.societyId"
          sortable={false}
        />
      </ResponsiveList>
    </List>
  );
}

export function EmployerShow() {
  return (
    <ShowPage>
      <SimpleShowLayout>
        <TextField source="name" />
        <TextField source="city" />
        <TextField source="siret" />
        <ReferenceField source="societyId" reference="Society" />
      </SimpleShowLayout>
    </ShowPage>
  );
}

export const EmployerCreate = () => (
  <Create redirect="show">
    <SimpleForm>
      <ReferenceInput source="societyId" reference="Society">
        <SelectInput optionText="code" validate={required()} />
      </ReferenceInput>
      <TextInput source="name" validate={required()} />
      <TextInput source="city" validate={required()} />
      <TextInput source="siret" />
    </SimpleForm>
  </Create>
);

export const EmployerEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <SimpleForm>
      <TextInput source="name" validate={required()} />
      <TextInput source="city" validate={required()} />
      <TextInput source="siret" />
    </SimpleForm>
  </Edit>
);

export const employers = {
  name: 'Employer',
  list: EmployerList,
  show: EmployerShow,
  create: EmployerCreate,
  edit: EmployerEdit,
  recordRepresentation: 'name',
};
