import { ruleTests } from './harness.js';
import { yaml } from '../helpers.js';

ruleTests('unused-boundary', {
  fires: [
    {
      name: 'an empty boundary, at its id',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal }, dmz: { trust: dmz } }
        services:
          orders: { kind: service, boundary: cluster }
      `,
      expect: [{ target: 'dmz', messageId: 'unused', text: 'dmz', message: 'Boundary `dmz` contains no component.' }],
    },
    {
      name: 'a chain of empty nested boundaries, each reported',
      model: yaml`
        moat: 1
        name: shop
        boundaries:
          vpc: { trust: internal }
          cluster: { trust: internal, within: vpc }
          other: { trust: internal }
        services:
          orders: { kind: service, boundary: other }
      `,
      expect: [
        {
          target: 'vpc', messageId: 'unused', text: 'vpc', message: 'its nested `cluster` is empty too',
          // The boundary within it no longer names it.
          output: yaml`
            moat: 1
            name: shop
            boundaries:
              cluster: { trust: internal }
              other: { trust: internal }
            services:
              orders: { kind: service, boundary: other }
          `,
        },
        {
          target: 'cluster', messageId: 'unused', text: 'cluster',
          output: yaml`
            moat: 1
            name: shop
            boundaries:
              vpc: { trust: internal }
              other: { trust: internal }
            services:
              orders: { kind: service, boundary: other }
          `,
        },
      ],
    },
    {
      name: 'removing the middle of a chain moves what was within it up to its parent',
      model: yaml`
        moat: 1
        name: shop
        boundaries:
          cloud: { trust: internal }
          vpc:
            trust: internal
            within: cloud
          cluster:
            trust: internal
            within: vpc
        services:
          orders: { kind: service, boundary: cloud }
      `,
      expect: [
        {
          target: 'vpc', messageId: 'unused', text: 'vpc',
          output: yaml`
            moat: 1
            name: shop
            boundaries:
              cloud: { trust: internal }
              cluster:
                trust: internal
                within: cloud
            services:
              orders: { kind: service, boundary: cloud }
          `,
        },
        {
          target: 'cluster', messageId: 'unused', text: 'cluster',
          output: yaml`
            moat: 1
            name: shop
            boundaries:
              cloud: { trust: internal }
              vpc:
                trust: internal
                within: cloud
            services:
              orders: { kind: service, boundary: cloud }
          `,
        },
      ],
    },
    {
      name: 'a declared internet with no user or external in the model',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { internet: { trust: untrusted }, cluster: { trust: internal } }
        services:
          orders: { kind: service, boundary: cluster }
      `,
      expect: [{ target: 'internet', messageId: 'unused', text: 'internet' }],
    },
  ],
  silent: [
    {
      name: 'a boundary holding only a nested boundary that holds a component',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { vpc: { trust: internal }, cluster: { trust: internal, within: vpc } }
        services:
          orders: { kind: service, boundary: cluster }
      `,
    },
    {
      name: 'the implicit internet, and a declared internet holding a user by default',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { internet: { trust: untrusted }, cluster: { trust: internal } }
        services:
          shopper: { kind: user, calls: [{ to: orders, protocol: https }] }
          orders: { kind: service, boundary: cluster }
      `,
    },
  ],
});
