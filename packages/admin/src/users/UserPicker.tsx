import { Autocomplete, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { graphql } from '../graphql/request';

interface UserOption {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
}

/** Picks an account by name or e-mail (allUsers, in the caller's scope). */
export function UserPicker({
  label,
  onChange,
  id,
}: {
  label: string;
  id: string;
  onChange: (user: UserOption | null) => void;
}) {
  const [input, setInput] = useState('');
  const [options, setOptions] = useState<UserOption[]>([]);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      graphql<{ allUsers: UserOption[] }>(
        'query Users($q: String) { allUsers(filter: { q: $q, status: ACTIVE }, perPage: 20, sortField: "lastName", sortOrder: "ASC") { id firstName lastName email } }',
        { q: input || null },
      )
        .then(({ allUsers }) => live && setOptions(allUsers))
        .catch(() => live && setOptions([]));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [input]);
  return (
    <Autocomplete
      id={id}
      options={options}
      filterOptions={(x) => x}
      getOptionLabel={(option) => `${option.firstName} ${option.lastName} <${option.email}>`}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      onInputChange={(_event, value) => setInput(value)}
      onChange={(_event, value) => onChange(value)}
      renderInput={(params) => <TextField {...params} label={label} margin="dense" fullWidth />}
    />
  );
}
