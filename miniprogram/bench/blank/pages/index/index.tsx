import { Text, View } from '@tarojs/components';

export default function Blank() {
  return (
    <View className='blank'>
      <Text>blank</Text>
    </View>
  );
}
