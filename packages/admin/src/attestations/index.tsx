import ArchiveIcon from '@mui/icons-material/Archive';
import BlockIcon from '@mui/icons-material/Block';
import DownloadIcon from '@mui/icons-material/Download';
import { Button as MuiButton, Stack } from '@mui/material';
import { useState } from 'react';
import { ReasonDialog } from '../common/ReasonDialog';
import {
  BooleanField,
  BooleanInput,
  Button,
  Create,
  CreateButton,
  ExportButton,
  FilterButton,
  List,
  NumberField,
  NumberInput,
  ReferenceInput,
  AutocompleteInput,
  SelectInput,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  required,
  useCanAccess,
  useListContext,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
  type HttpError,
} from 'react-admin';
import { ParisDateField } from '../common/fields';
import { ResponsiveList } from '../common/ResponsiveList';
import { ShowPage } from '../common/ShowPage';
import { graphql } from '../graphql/request';

type Attestation = {
  id: string;
  code: string;
  year: number;
  memberName: string;
  revoked: boolean;
  societyId: string;
  memberId: string;
  downloadUrl?: string;
  verificationUrl?: string;
};

const filters = [
  <TextInput key="q" source="q" alwaysOn />,
  <ReferenceInput key="s" source="societyId" reference="Society" alwaysOn>
    <SelectInput optionText="code" />
  </ReferenceInput>,
  <NumberInput key="y" source="year" alwaysOn />,
  <BooleanInput key="r" source="revoked" />,
];

/** Bulk ZIP of a society's attestations for a year (a signed link valid 5 minutes). */
function ZipButton() {
  const { filterValues } = useListContext();
  const notify = useNotify();
  const societyId = filterValues.societyId as string | undefined;
  const year = Number(filterValues.year);
  return (
    <Button
      label="epairs.attestations.zip"
      onClick={async () => {
        if (!societyId || !year) {
          notify('epairs.attestations.zip_hint', { type: 'info' });
          return;
        }
        try {
          const { attestationsZipUrl } = await graphql<{ attestationsZipUrl: string }>(
            'query Zip($societyId: ID, $year: Int!) { attestationsZipUrl(societyId: $societyId, year: $year) }',
            { societyId, year },
          );
          window.location.assign(attestationsZipUrl);
        } catch (error) {
          notify((error as HttpError).message, { type: 'error' });
        }
      }}
    >
      <ArchiveIcon />
    </Button>
  );
}

const ListActions = () => (
  <TopToolbar>
    <FilterButton />
    <CreateButton />
    <ZipButton />
    <ExportButton />
  </TopToolbar>
);

export function AttestationList() {
  return (
    <List sort={{ field: 'issuedAt', order: 'DESC' }} filters={filters} actions={<ListActions />}>
      <ResponsiveList<Attestation>
        primary={(r) => r.memberName}
        secondary={(r) => `${r.year} — ${r.code}`}
      >
        <TextField source="memberName" sortBy="lastName" />
        <NumberField source="year" />
        <TextField source="code" sortable={false} />
        <NumberField source="totalHours" sortable={false} />
        <NumberField source="credits" sortable={false} />
        <ParisDateField source="issuedAt" />
        <BooleanField source="revoked" sortable={false} />
      </ResponsiveList>
    </List>
  );
}

/** Revocation (E-Pairs only): a reason is required, and shown on the public verification page. */
function RevokeButton() {
  const record = useRecordContext<Attestation>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const { canAccess } = useCanAccess({ resource: 'Attestation', action: 'delete', record });
  if (!record || record.revoked || !canAccess) return null;
  return (
    <>
      <Button label="epairs.attestations.revoke" onClick={() => setOpen(true)} color="error">
        <BlockIcon />
      </Button>
      <ReasonDialog
        id="revoke"
        open={open}
        title="epairs.attestations.revoke"
        label="epairs.attestations.revoke_reason"
        confirmLabel="epairs.attestations.revoke"
        onClose={() => setOpen(false)}
        onConfirm={async (reason) => {
          try {
            await graphql(
              'mutation Revoke($id: ID!, $reason: String!) { revokeAttestation(id: $id, reason: $reason) { id revoked } }',
              { id: record.id, reason },
            );
            notify('epairs.attestations.revoked', { type: 'success' });
            setOpen(false);
            refresh();
          } catch (error) {
            notify((error as HttpError).message, { type: 'error' });
          }
        }}
      />
    </>
  );
}

function Links() {
  const record = useRecordContext<Attestation>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Stack direction="row" spacing={1}>
      {record.downloadUrl && (
        <MuiButton
          href={record.downloadUrl}
          target="_blank"
          rel="noopener"
          startIcon={<DownloadIcon />}
        >
          {translate('epairs.attestations.download')}
        </MuiButton>
      )}
      {record.verificationUrl && (
        <MuiButton href={record.verificationUrl} target="_blank" rel="noopener">
          {translate('epairs.attestations.verify')}
        </MuiButton>
      )}
    </Stack>
  );
}

export function AttestationShow() {
  return (
    <ShowPage
      actions={
        <TopToolbar>
          <RevokeButton />
        </TopToolbar>
      }
    >
      <SimpleShowLayout>
        <TextField source="memberName" />
        <NumberField source="year" />
        <TextField source="code" />
        <NumberField source="meetingsAttended" />
        <NumberField source="totalHours" />
        <NumberField source="credits" />
        <ParisDateField source="issuedAt" withTime />
        <BooleanField source="revoked" />
        <TextField source="revokedReason" emptyText="—" />
        <Links />
      </SimpleShowLayout>
    </ShowPage>
  );
}

export const AttestationCreate = () => (
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
    </SimpleForm>
  </Create>
);

export const attestations = {
  name: 'Attestation',
  list: AttestationList,
  show: AttestationShow,
  create: AttestationCreate,
  recordRepresentation: 'memberName',
};
