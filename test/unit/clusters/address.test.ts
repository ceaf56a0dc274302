// What people paste into Add Cluster: origins, DB Console pages copied from the browser,
// postgresql:// connection strings — turned into the DB Console origin, saying what was
// assumed, and never keeping a password.
import assert from 'node:assert/strict';
import { addressProblem, parseClusterAddress, type ClusterAddress } from '../../../src/clusters/address';

function parsed(input: string): ClusterAddress {
  const r = parseClusterAddress(input);
  assert.ok(r.ok, `"${input}" was refused: ${r.ok ? '' : r.message}`);
  return r.address;
}

function refused(input: string): string {
  const r = parseClusterAddress(input);
  assert.ok(!r.ok, `"${input}" was accepted as ${r.ok ? r.address.origin : ''}`);
  return r.message;
}

describe('cluster addresses (Add Cluster)', () => {
  describe('origins and DB Console URLs', () => {
    it('an origin as it is: nothing assumed, nothing said', () => {
      assert.deepEqual(parsed('https://db1.example.com:8080'), { origin: 'https://db1.example.com:8080' });
      assert.deepEqual(parsed('http://127.0.0.1:8080'), { origin: 'http://127.0.0.1:8080' });
    });

    it('a copied DB Console page: the fragment, path and query are left out, and it says so', () => {
      const a = parsed('https://db1:8080/#/overview/list');
      assert.equal(a.origin, 'https://db1:8080');
      assert.equal(a.summary, 'Using https://db1:8080 — the DB Console page (#/overview/list) is left out');
      assert.equal(parsed('http://localhost:8080/#/node/1?x=1').origin, 'http://localhost:8080');
      assert.match(
        parsed('https://db1:8080/some/path?tab=2').summary ?? '',
        /the path \(\/some\/path\?tab=2\) is left out/,
      );
    });

    it('a trailing /api/v2/ is the Cluster API under the origin', () => {
      const a = parsed('https://db1:8080/api/v2/');
      assert.equal(a.origin, 'https://db1:8080');
      assert.match(a.summary ?? '', /\/api\/v2\/ is left out/);
    });

    it('scheme and host case do not matter; surrounding whitespace neither', () => {
      assert.equal(parsed('  HTTPS://DB1.Example.COM:8080/  ').origin, 'https://db1.example.com:8080');
      assert.equal(parsed('\tHttp://Node-2:9090\n').origin, 'http://node-2:9090');
    });

    it('no scheme: https, and it says so', () => {
      const a = parsed('db1:8080');
      assert.equal(a.origin, 'https://db1:8080');
      assert.match(a.summary ?? '', /no scheme given, so https/);
    });

    it('no port: 8080, the DB Console default, even after https://', () => {
      for (const input of ['https://db1', 'db1', 'https://db1/#/overview']) {
        const a = parsed(input);
        assert.equal(a.origin, 'https://db1:8080');
        assert.match(a.summary ?? '', /no port given, so 8080/);
      }
    });

    it('an explicit port other than 26257 is kept; 26257 (the SQL port) becomes 8080', () => {
      assert.equal(parsed('https://db1:9443').origin, 'https://db1:9443');
      const a = parsed('https://db1:26257');
      assert.equal(a.origin, 'https://db1:8080');
      assert.match(a.summary ?? '', /26257 is the SQL port/);
    });

    it('IPv6 hosts in brackets, with and without a port', () => {
      assert.equal(parsed('https://[::1]:8080/#/overview').origin, 'https://[::1]:8080');
      assert.equal(parsed('[2001:db8::7]:8081').origin, 'https://[2001:db8::7]:8081');
      assert.equal(parsed('http://[::1]').origin, 'http://[::1]:8080');
    });
  });

  describe('postgresql:// connection strings', () => {
    it('the node of the connection string on the DB Console port, https for verify-full, and it says so', () => {
      const a = parsed(
        'postgresql://root:secret@db1:26257/defaultdb?sslmode=verify-full&sslrootcert=%2Fhome%2Fme%2Fcerts%2Fca.crt',
      );
      assert.equal(a.origin, 'https://db1:8080');
      assert.equal(a.caFile, '/home/me/certs/ca.crt');
      assert.equal(a.user, 'root');
      assert.match(
        a.summary ?? '',
        /^Using https:\/\/db1:8080 — the DB Console port of the node in the connection string/,
      );
      assert.match(a.summary ?? '', /sslrootcert \(\/home\/me\/certs\/ca\.crt\) is tried as the CA file/);
    });

    it('never keeps the password: not in the result, and it says it is dropped', () => {
      const a = parsed('postgres://app:hunter2@db1:26257/bank?sslmode=require');
      assert.ok(!JSON.stringify(a).includes('hunter2'), JSON.stringify(a));
      assert.match(a.summary ?? '', /password is not kept/);
      assert.doesNotMatch(parsed('postgres://app@db1:26257/bank').summary ?? '', /password/);
    });

    it('sslmode=disable is an insecure cluster: plain http', () => {
      const a = parsed('postgresql://root@localhost:26257/defaultdb?sslmode=disable');
      assert.equal(a.origin, 'http://localhost:8080');
      assert.match(a.summary ?? '', /sslmode=disable/);
    });

    it('other sslmodes, or none, are https', () => {
      for (const mode of ['require', 'verify-ca', 'prefer', 'allow']) {
        assert.equal(parsed(`postgresql://root@db1:26257/d?sslmode=${mode}`).origin, 'https://db1:8080');
      }
      assert.equal(parsed('postgresql://root@db1:26257/d').origin, 'https://db1:8080');
    });

    it('any SQL port, or none, maps to 8080', () => {
      assert.equal(parsed('postgresql://root@db1:26258/d').origin, 'https://db1:8080');
      assert.equal(parsed('postgresql://db1/d').origin, 'https://db1:8080');
      assert.equal(parsed('postgresql://db1').origin, 'https://db1:8080');
    });

    it('uppercase schemes, jdbc: prefixes and whitespace', () => {
      assert.equal(parsed('  POSTGRESQL://ROOT@DB1:26257/X  ').origin, 'https://db1:8080');
      assert.equal(parsed('jdbc:postgresql://db1:26257/x?sslmode=disable').origin, 'http://db1:8080');
    });

    it('IPv6 hosts, and several hosts (the first is used)', () => {
      assert.equal(parsed('postgresql://root@[::1]:26257/defaultdb?sslmode=disable').origin, 'http://[::1]:8080');
      const a = parsed('postgresql://u@db1:26257,[fe80::2]:26257,db3/d');
      assert.equal(a.origin, 'https://db1:8080');
      assert.match(a.summary ?? '', /the first of its 3 nodes/);
    });

    it('a host given as ?host= is used; a Unix socket is not a node', () => {
      assert.equal(parsed('postgresql:///defaultdb?host=db9&sslmode=disable').origin, 'http://db9:8080');
      assert.match(refused('postgresql:///defaultdb?host=/var/run/crdb'), /names no host/);
    });

    it('a Cloud host says Add Cloud Account is the usual way', () => {
      const a = parsed(
        'postgresql://me:pw@free-tier.gcp-us-central1.cockroachlabs.cloud:26257/defaultdb?sslmode=verify-full',
      );
      assert.match(a.summary ?? '', /Add Cloud Account/);
    });
  });

  describe('what is refused, with a message that says why', () => {
    it('empty input', () => {
      assert.match(refused('   '), /Enter the address/);
      assert.equal(addressProblem(''), refused(''));
    });

    it('other schemes', () => {
      assert.match(refused('ftp://db1:21'), /not an http\(s\) address or a postgresql:\/\/ connection string/);
      assert.match(refused('mysql://u@db1/x'), /not an http\(s\) address/);
    });

    it('credentials in an http(s) address', () => {
      assert.match(refused('https://root:pw@db1:8080'), /Leave credentials out/);
    });

    it('an IPv6 address without brackets', () => {
      for (const input of ['::1', 'fe80::1:8080', 'https://::1:8080', 'postgresql://root@::1:26257/d']) {
        assert.match(refused(input), /IPv6 address in brackets/, input);
      }
    });

    it('a key=value connection string', () => {
      assert.match(refused('host=db1 port=26257 user=root sslmode=disable'), /key=value connection string/);
    });

    it('what is not an address at all', () => {
      for (const input of ['db 1:8080', 'https://db1:99999', 'https://', 'postgresql://root@db1:abc/d']) {
        assert.match(refused(input), /Not a valid address/, input);
      }
    });

    it('addressProblem is undefined for what parses', () => {
      assert.equal(addressProblem('postgresql://root@db1:26257/defaultdb'), undefined);
      assert.equal(addressProblem('https://db1:8080/#/overview/list'), undefined);
    });
  });
});
