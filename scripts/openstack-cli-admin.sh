#!/usr/bin/env bash
# Runs the openstack CLI's project, user, role, application credential, quota and limits commands
# (Debian's python3-openstackclient) against a started novamock with the repository's clouds.yaml,
# as an administrator and as the seeded users would, and fails (exit 1) when any command exits
# non-zero or a read-back does not show what was set. Prints one line per command and
# "N passed, M failed".
#   npm start &            (or AUTH_MODE=keystone npm start &)
#   bash scripts/openstack-cli-admin.sh [http://127.0.0.1:8080]
#   PORT=21410 AUTH_MODE=keystone bash scripts/openstack-cli-admin.sh     # starts its own novamock
# The clouds.yaml used is the repository's with its auth_url's 127.0.0.1:8080 replaced by the URL.
# Env: CLI_WORKSPACE (/tmp/novamock-openstack-cli), ADMIN_PASSWORD (secret).
# Needs: apt-get install python3-openstackclient
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/openstack-cli-checks.sh"

P="cli-proj-$SUFFIX"; U="cli-user-$SUFFIX"; R="cli-role-$SUFFIX"; C="cli-cred-$SUFFIX"; F="cli-flavor-$SUFFIX"

# projects
ok "project list" -- "${A[@]}" project list -f json; expect "project list shows the seeded projects" "{'admin','demo','alt_demo'} <= {p['Name'] for p in o}"
ok "project create" -- "${A[@]}" project create --description 'made by the CLI' --tag ci -f json "$P"
PID=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['id'])" "$OUT" 2>/dev/null)
ok "project show" -- "${A[@]}" project show -f json "$P"; expect "project show" "o['name'] == '$P' and o['enabled'] in (True, 'True') and o['description'] == 'made by the CLI'"
ok "project set" -- "${A[@]}" project set --description changed --disable "$P"
ok "project show after set" -- "${A[@]}" project show -f json "$P"; expect "project set took" "o['description'] == 'changed' and o['enabled'] in (False, 'False')"
ok "project set --enable" -- "${A[@]}" project set --enable "$P"
ok "project list --tags" -- "${A[@]}" project list --tags ci -f json; expect "project list --tags ci" "[p['Name'] for p in o] == ['$P']"
denied "project create as demo" 403 -- "${D[@]}" project create "denied-$SUFFIX"

# users
ok "user create" -- "${A[@]}" user create --password pw1 --project "$P" --email u@example.org -f json "$U"
ok "user list" -- "${A[@]}" user list -f json; expect "user list shows the new user" "'$U' in {u['Name'] for u in o}"
ok "user list --project" -- "${A[@]}" user list --project demo -f json; expect "user list --project demo" "'demo' in {u['Name'] for u in o}"
ok "user show" -- "${A[@]}" user show -f json "$U"; expect "user show" "o['name'] == '$U' and o['default_project_id'] == '$PID' and o['email'] == 'u@example.org'"
ok "user set" -- "${A[@]}" user set --email v@example.org --password pw2 "$U"
ok "user show after set" -- "${A[@]}" user show -f json "$U"; expect "user set took" "o['email'] == 'v@example.org'"
denied "user list as demo" 403 -- "${D[@]}" user list

# roles
ok "role list" -- "${A[@]}" role list -f json; expect "role list shows admin, member, reader" "{'admin','member','reader'} <= {r['Name'] for r in o}"
ok "role create" -- "${A[@]}" role create -f json "$R"
ok "role show" -- "${A[@]}" role show -f json "$R"
ok "role add (user, project)" -- "${A[@]}" role add --project "$P" --user "$U" member
ok "role add (created role)" -- "${A[@]}" role add --project "$P" --user "$U" "$R"
ok "role assignment list --names" -- "${A[@]}" role assignment list --user "$U" --names -f json
expect "assignments of the new user" "sorted(a['Role'] for a in o) == sorted(['member', '$R']) and all(a['Project'] == '$P@Default' for a in o)"
ok "role assignment list --project --effective" -- "${A[@]}" role assignment list --project "$P" --effective --names -f json
expect "effective assignments include the implied reader" "'reader' in {a['Role'] for a in o}"
ok "role assignment list --system" -- "${A[@]}" role assignment list --system all --names -f json; expect "admin holds admin on the system" "any(a['User'] == 'admin@Default' and a['Role'] == 'admin' for a in o)"

# the new user signs in with its new password and sees its project
cat >> "$WS/clouds.yaml" <<YAML
  cli-user:
    auth:
      auth_url: $URL/identity/v3
      username: $U
      password: pw2
      project_name: $P
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    identity_api_version: 3
YAML
ok "token issue as the new user" -- --os-cloud cli-user token issue -f json; expect "token scoped to the new project" "o['project_id'] == '$PID'"
ok "project list --my-projects" -- --os-cloud cli-user project list --my-projects -f json; expect "the user's projects" "[p['Name'] for p in o] == ['$P']"
ok "role remove (created role)" -- "${A[@]}" role remove --project "$P" --user "$U" "$R"
ok "role delete" -- "${A[@]}" role delete "$R"

# application credentials: created by the user, listed, used to sign in, deleted
ok "application credential create" -- --os-cloud cli-user application credential create --description ci --role member -f json "$C"
SECRET=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['secret'])" "$OUT" 2>/dev/null)
CID=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['id'])" "$OUT" 2>/dev/null)
ok "application credential list" -- --os-cloud cli-user application credential list -f json; expect "listed" "[c['Name'] for c in o] == ['$C']"
ok "application credential show" -- --os-cloud cli-user application credential show -f json "$C"; expect "shown" "o['name'] == '$C' and o['project_id'] == '$PID'"
ok "token issue with the application credential" -- --os-auth-url "$URL/identity/v3" --os-auth-type v3applicationcredential \
  --os-application-credential-id "$CID" --os-application-credential-secret "$SECRET" token issue -f json
expect "application credential token on the project" "o['project_id'] == '$PID'"
ok "application credential delete" -- --os-cloud cli-user application credential delete "$C"

# quotas and limits (compute, network, volume)
ok "flavor create --private" -- "${A[@]}" flavor create --private --ram 64 --disk 1 --vcpus 1 -f json "$F"
ok "flavor set --project" -- "${A[@]}" flavor set --project demo "$F"
ok "flavor show" -- "${A[@]}" flavor show -f json "$F"; expect "the flavor is private" "o['os-flavor-access:is_public'] in (False, 'False')"
ok "flavor unset --project" -- "${A[@]}" flavor unset --project demo "$F"
ok "flavor delete" -- "${A[@]}" flavor delete "$F"
ok "quota set (compute)" -- "${A[@]}" quota set --instances 21 --cores 41 --ram 51201 "$P"
ok "quota show" -- "${A[@]}" quota show -f json "$P"; expect "quota show reads the new values" "o['instances'] == 21 and o['cores'] == 41 and o['ram'] == 51201"
ok "quota set (network)" -- "${A[@]}" quota set --networks 11 --ports 51 "$P"
ok "quota set (volume)" -- "${A[@]}" quota set --volumes 12 "$P"
ok "quota show after network and volume" -- "${A[@]}" quota show -f json "$P"; expect "network and volume quotas" "o['networks'] == 11 and o['ports'] == 51 and o['volumes'] == 12"
ok "quota show --default" -- "${A[@]}" quota show --default -f json
ok "quota list --compute" -- "${A[@]}" quota list --compute -f json; expect "quota list --compute lists the project" "any(q['Project ID'] == '$PID' and q['Instances'] == 21 for q in o)"
ok "quota list --network" -- "${A[@]}" quota list --network -f json
ok "quota list --volume" -- "${A[@]}" quota list --volume -f json
ok "quota show as demo (own project)" -- "${D[@]}" quota show -f json demo
denied "quota set as demo" 403 -- "${D[@]}" quota set --instances 99 demo
ok "limits show --absolute --project" -- "${A[@]}" limits show --absolute --project "$P" -f json
expect "limits show the project's quota" "any(l['Name'] == 'maxTotalInstances' and l['Value'] == 21 for l in o)"
ok "limits show --absolute (demo)" -- "${D[@]}" limits show --absolute -f json
ok "limits show --rate" -- "${A[@]}" limits show --rate -f json

# clean up: user, then project
ok "user delete" -- "${A[@]}" user delete "$U"
ok "project delete" -- "${A[@]}" project delete "$P"
ok "project show after delete fails" -- "${A[@]}" project list -f json; expect "the project is gone" "'$P' not in {p['Name'] for p in o}"

cli_summary "projects, users, roles, quotas, limits"
